package dev.pinkeeper.report.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address: each client may send {@code burst} requests at once and
 * {@code ratePerSecond} on average. Buckets of clients idle long enough to be full again are
 * dropped, so memory stays bounded by the clients active recently. Thread-safe.
 */
public final class ClientRateLimiter {
    private static final int SWEEP_ABOVE = 10_000;

    private final double ratePerNano;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    public ClientRateLimiter(double ratePerSecond, int burst) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
    }

    /** Takes one token for {@code client}; false when it has none left (answer 429). */
    public boolean tryAcquire(String client) {
        return tryAcquire(client, System.nanoTime());
    }

    boolean tryAcquire(String client, long now) {
        if (buckets.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * ratePerNano);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    private void sweep(long now) {
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().tokens + (now - e.getValue().updated) * ratePerNano >= burst;
            }
        });
    }

    /** How many clients are tracked. */
    int trackedClients() {
        return buckets.size();
    }
}
