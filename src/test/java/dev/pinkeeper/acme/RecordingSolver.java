package dev.pinkeeper.acme;

import java.util.ArrayList;
import java.util.List;

/** A solver for a CA that validates everything: records what it was asked to publish and remove. */
final class RecordingSolver implements ChallengeSolver {
    final List<PendingChallenge> published = new ArrayList<>();
    final List<PendingChallenge> removed = new ArrayList<>();

    @Override
    public String type() {
        return PendingChallenge.HTTP_01;
    }

    @Override
    public void publish(PendingChallenge challenge) {
        published.add(challenge);
    }

    @Override
    public void remove(PendingChallenge challenge) {
        removed.add(challenge);
    }
}
