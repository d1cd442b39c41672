package dev.pinkeeper.lifecycle;

/**
 * Asked by {@link Renewal} just before its first change to a site (a certificate ordered, a key rolled over, a
 * release deployed), never for a site with nothing due: where an operator's pre-hook runs. An exception stops
 * that site's renewal before anything changed; it is reported as the site's failure.
 */
@FunctionalInterface
public interface ChangeGate {
    /** Lets every change through. */
    ChangeGate NONE = site -> { };

    /** Called (possibly many times, from worker threads) before {@code site} changes; throws to stop it. */
    void open(String site) throws Exception;
}
