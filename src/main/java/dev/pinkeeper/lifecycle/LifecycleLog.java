package dev.pinkeeper.lifecycle;

/**
 * Where {@link Renewal}, {@link SiteIssuer} and {@link SiteDeployer} report each {@link LifecycleEvent} as it
 * happens. Called from worker threads (renewal runs sites concurrently): an implementation must be
 * thread-safe, and quick (it runs while a site's lock is held).
 *
 * <pre>{@code
 * LifecycleLog log = event -> System.err.println(event.level() + " " + event.site() + " " + event.message());
 * new Renewal(inventory, log).renew(sites, 4, Instant.now(), result -> { });
 * }</pre>
 */
@FunctionalInterface
public interface LifecycleLog {
    /** Drops every event. */
    LifecycleLog NONE = event -> { };

    /** Records one event. */
    void record(LifecycleEvent event);

    /** Records an event of {@code action} at its usual level, happening now. */
    default void record(LifecycleEvent.Action action, String site, String message) {
        record(LifecycleEvent.of(action, site, message));
    }
}
