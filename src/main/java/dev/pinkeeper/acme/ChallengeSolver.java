package dev.pinkeeper.acme;

/**
 * Publishes challenge responses where the CA looks for them and removes them afterwards.
 * A solver is used for one issuance at a time and closed when it is done.
 */
public interface ChallengeSolver extends AutoCloseable {
    /** The challenge type this solver answers: {@link PendingChallenge#HTTP_01} or {@link PendingChallenge#DNS_01}. */
    String type();

    /** Publishes the response; when this returns, the CA may look for it. */
    void publish(PendingChallenge challenge) throws ChallengeException;

    /** Removes what {@link #publish} put in place; called whether validation succeeded or not. */
    void remove(PendingChallenge challenge) throws ChallengeException;

    /** Releases what the solver holds (a listening socket); the default does nothing. */
    @Override
    default void close() {
    }
}
