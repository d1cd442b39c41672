package dev.pinkeeper.report;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Site plans that follow their source while a collector runs: {@link #all()} asks the source for a
 * cheap fingerprint (file times, versions) at most once per {@code recheck}, and reads the plans
 * again only when it changed. A failed re-read keeps the plans read before; {@link #lastError()}
 * says why. Thread-safe; between checks {@link #all()} costs one clock read.
 */
public final class ReloadingSitePlans implements SitePlans {
    /** How often, at most, the source is checked for changes by default. */
    public static final Duration RECHECK = Duration.ofSeconds(1);

    /** Where the plans come from. */
    public interface Source {
        /** A value that changes whenever the plans change (e.g. a file's modification time). */
        Object fingerprint() throws Exception;

        /** The plans as they are now. */
        List<SitePlan> read() throws Exception;
    }

    private final Source source;
    private final long recheckNanos;
    private final LongSupplier nanoTime;
    private volatile List<SitePlan> current;
    private volatile Object fingerprint;
    private volatile long checked;
    private volatile String lastError;

    /**
     * @param fingerprint the source's fingerprint when {@code initial} was read
     * @param initial     the plans read first (the caller reads them, so that it reports its own errors)
     * @param nanoTime    the clock ({@code System::nanoTime})
     */
    public ReloadingSitePlans(Source source, Object fingerprint, List<SitePlan> initial, Duration recheck,
            LongSupplier nanoTime) {
        this.source = source;
        this.fingerprint = fingerprint;
        this.current = List.copyOf(initial);
        this.recheckNanos = recheck.toNanos();
        this.nanoTime = nanoTime;
        this.checked = nanoTime.getAsLong();
    }

    @Override
    public List<SitePlan> all() {
        long now = nanoTime.getAsLong();
        if (now - checked >= recheckNanos) {
            refresh(now);
        }
        return current;
    }

    /** Why the last re-read failed (the plans read before are kept), or null when it succeeded. */
    public String lastError() {
        return lastError;
    }

    private synchronized void refresh(long now) {
        if (now - checked < recheckNanos) {
            return; // another thread has just checked
        }
        try {
            Object seen = source.fingerprint();
            if (!Objects.equals(seen, fingerprint)) {
                current = List.copyOf(source.read());
                fingerprint = seen;
            }
            lastError = null;
        } catch (Exception e) {
            lastError = e.getMessage() == null ? e.toString() : e.getMessage();
        } finally {
            checked = now;
        }
    }
}
