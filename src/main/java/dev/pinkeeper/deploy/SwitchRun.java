package dev.pinkeeper.deploy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.server.ServerException;
import dev.pinkeeper.server.ServerNotRunningException;
import dev.pinkeeper.server.ServerTarget;

/**
 * One switch of a {@link ReleaseSwitch} in progress: the release live before it, the release to go live, the
 * steps taken so far and whether the server was reloaded. Its steps are those of {@link ReleaseSwitch}'s
 * description; {@link ReleaseBatch} runs several of them with one config test and one reload.
 */
final class SwitchRun {
    private final ReleaseStore store;
    private final ServerTarget server;
    private final List<ReleaseCheck> checks;
    private final List<TlsProbe> probes;
    private final Duration probeTimeout;
    private final Optional<Release> previous;
    private final List<String> steps = new ArrayList<>();
    private Release next;
    private boolean reloaded;
    /** Whether {@link #write} created {@link #next} (rather than finding it live already). */
    private boolean created;

    /** A run of {@code owner}, starting from its store's live release (read under the caller's lock). */
    SwitchRun(ReleaseSwitch owner) throws IOException {
        this.store = owner.store();
        this.server = owner.server();
        this.checks = owner.checks();
        this.probes = owner.probes();
        this.probeTimeout = owner.probeTimeout();
        this.previous = store.live();
    }

    /** Records a step taken. */
    void step(String step) {
        steps.add(step);
    }

    /** The release to go live (null once a rejected new release was removed). */
    Release next() {
        return next;
    }

    /** What a dry run found: {@code release} would stay live, or null (a new release would go live). */
    void wouldServe(Release release) {
        next = release;
    }

    /** The server is about to be reloaded for this switch (by a batch's one reload). */
    void reloading() {
        reloaded = true;
    }

    /**
     * Makes {@link #next} a release of {@code content}: the live release when it holds the same files, else a
     * new one ({@link ReleaseStore#liveOrCreate}).
     */
    void write(ReleaseContent content) throws IOException {
        next = store.liveOrCreate(content);
        created = previous.filter(next::equals).isEmpty();
        steps.add(created ? "release " + next.name() + " written"
                : "the live release " + next.name() + " holds the same content: no new release");
    }

    /** Switches to the release {@link #write} made ({@link #execute}); one that is rejected is removed again. */
    SwitchResult executeWritten() throws IOException {
        return removeIfRejected(execute(next));
    }

    /** {@code result}, after removing a release {@link #write} created when the result rejects it (it never went live). */
    SwitchResult removeIfRejected(SwitchResult result) throws IOException {
        if (!created || result.outcome() != SwitchResult.Outcome.REJECTED) {
            return result;
        }
        store.remove(next);
        steps.add("release " + next.name() + " removed (it never went live)");
        next = null;
        return result(result.outcome(), result.reason());
    }

    /** The rejection when the server does not read its headers through {@code live} or cannot send them. */
    Optional<SwitchResult> refuseUnlessServable(ReleaseContent content) {
        Optional<SwitchResult> refused = refuseUnlessFollowsLive();
        if (refused.isPresent()) {
            return refused;
        }
        return server.headerFile().flatMap(file -> HeaderSnippets.problem(file, content.headers()))
                .map(unsendable -> result(SwitchResult.Outcome.REJECTED, unsendable));
    }

    /** The rejection when the server does not read its headers through {@code live}. */
    Optional<SwitchResult> refuseUnlessFollowsLive() {
        try {
            server.checkFollowsLive(store.liveLink());
            return Optional.empty();
        } catch (ServerException e) {
            return Optional.of(result(SwitchResult.Outcome.REJECTED, e.getMessage()));
        }
    }

    SwitchResult execute(Release release) throws IOException {
        next = release;
        Optional<SwitchResult> rejected = check();
        if (rejected.isPresent()) {
            return rejected.get();
        }
        pointLive();
        try {
            server.configTest();
            steps.add(server.name() + " config test passed");
        } catch (ServerException e) {
            restoreLink();
            return result(SwitchResult.Outcome.REJECTED, server.name() + " config test failed: " + e.getMessage());
        }
        String hash = ContentHash.of(next, server.configFiles());
        if (store.servedHash().map(hash::equals).orElse(false)) {
            steps.add("content unchanged (sha256 " + hash.substring(0, 16) + "…): no reload");
            return result(SwitchResult.Outcome.UNCHANGED, null);
        }
        try {
            reloadAndProbe(next);
            store.recordServedHash(hash);
            return result(SwitchResult.Outcome.SWITCHED, null);
        } catch (ServerNotRunningException e) {
            return notRunning(e);
        } catch (ServerException e) {
            return rollBack(e.getMessage());
        }
    }

    /** Runs every {@link ReleaseCheck} on {@link #next}: the rejection, if one fails. */
    Optional<SwitchResult> check() throws IOException {
        for (ReleaseCheck check : checks) {
            try {
                check.check(next);
            } catch (ReleaseCheckException e) {
                return Optional.of(result(SwitchResult.Outcome.REJECTED, "check failed: " + e.getMessage()));
            }
        }
        steps.add("checks passed: " + checks.size());
        return Optional.empty();
    }

    /** Points {@code live} at {@link #next} (unless it is live already). */
    void pointLive() throws IOException {
        if (previous.filter(next::equals).isPresent()) {
            steps.add("live already -> " + next.name());
        } else {
            store.pointLiveAt(next);
            steps.add("live -> " + next.name());
        }
    }

    /** The release stays live for a server that does not run: nothing to reload, nothing to roll back. */
    SwitchResult notRunning(ServerNotRunningException e) {
        reloaded = false;
        steps.add(e.getMessage() + ": not reloaded, not probed");
        return result(SwitchResult.Outcome.NOT_RUNNING, e.getMessage() + ": start it ("
                + String.join(" ", e.startCommand()) + ", or its service) and it serves release " + next.name());
    }

    SwitchResult rollBack(String reason) throws IOException {
        steps.add("failed: " + reason);
        if (previous.isEmpty()) {
            store.removeLive();
            steps.add("no previous release: live removed");
            return result(SwitchResult.Outcome.ROLLBACK_FAILED, reason + "; there is no previous release to put back");
        }
        Release back = previous.get();
        store.pointLiveAt(back);
        steps.add("live -> " + back.name() + " (rollback)");
        try {
            reloadAndProbe(back);
            store.recordServedHash(ContentHash.of(back, server.configFiles()));
            return result(SwitchResult.Outcome.ROLLED_BACK, reason);
        } catch (ServerException e) {
            steps.add("rollback failed: " + e.getMessage());
            return result(SwitchResult.Outcome.ROLLBACK_FAILED, reason + "; rollback: " + e.getMessage());
        }
    }

    private void reloadAndProbe(Release release) throws ServerException, IOException {
        // a reload that fails may still have taken effect: the server no longer reads a known content
        store.forgetServedHash();
        reloaded = true;
        server.reload();
        steps.add(server.name() + " reloaded");
        probe(release);
    }

    /** Every probe must see a leaf key of {@code release}. */
    void probe(Release release) throws ServerException, IOException {
        Set<Pin> expected = release.leafPins();
        for (TlsProbe probe : probes) {
            probe.awaitLeafPin(expected, probeTimeout);
            steps.add(probe + " serves " + expected);
        }
    }

    void restoreLink() throws IOException {
        if (previous.isPresent()) {
            store.pointLiveAt(previous.get());
            steps.add("live -> " + previous.get().name() + " (restored)");
        } else {
            store.removeLive();
            steps.add("live removed");
        }
    }

    SwitchResult result(SwitchResult.Outcome outcome, String reason) {
        return new SwitchResult(outcome, next, previous, reloaded, reason, steps);
    }
}
