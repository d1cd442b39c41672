package dev.pinkeeper.report.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void burstThenRatePerClient() {
        ClientRateLimiter limiter = new ClientRateLimiter(2, 3); // 2/s, bursts of 3
        long t = 5 * SECOND;
        assertThat(limiter.tryAcquire("a", t)).isTrue();
        assertThat(limiter.tryAcquire("a", t)).isTrue();
        assertThat(limiter.tryAcquire("a", t)).isTrue();
        assertThat(limiter.tryAcquire("a", t)).isFalse();
        assertThat(limiter.tryAcquire("b", t)).as("another client has its own bucket").isTrue();
        assertThat(limiter.tryAcquire("a", t + SECOND / 4)).as("half a token back").isFalse();
        assertThat(limiter.tryAcquire("a", t + SECOND / 2)).as("one token back").isTrue();
        assertThat(limiter.tryAcquire("a", t + SECOND / 2)).isFalse();
        assertThat(limiter.tryAcquire("a", t + 100 * SECOND)).isTrue();
    }

    @Test
    void idleClientsAreForgotten() {
        ClientRateLimiter limiter = new ClientRateLimiter(1000, 1);
        long t = SECOND;
        for (int i = 0; i <= 10_001; i++) {
            limiter.tryAcquire("10.0." + (i / 256) + "." + (i % 256), t);
        }
        assertThat(limiter.trackedClients()).isGreaterThan(10_000);
        limiter.tryAcquire("late", t + SECOND); // every earlier bucket is full again: swept
        assertThat(limiter.trackedClients()).isEqualTo(1);
    }
}
