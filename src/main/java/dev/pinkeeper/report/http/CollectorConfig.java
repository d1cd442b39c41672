package dev.pinkeeper.report.http;

import java.time.Duration;

import dev.pinkeeper.report.store.ReportJournal;

/**
 * How the collector listens and defends itself.
 *
 * @param host             address to listen on, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port             port, 0 for any free one
 * @param maxBodyBytes     largest report body accepted (413 above)
 * @param ratePerSecond    reports accepted per client address per second, on average (429 above)
 * @param burst            reports a client may send at once before the rate applies
 * @param idleTimeout      a connection silent this long is closed
 * @param bodyTimeout      a report body not fully received in this time is refused (408)
 * @param writeTimeout     longest wait for a report to be fsynced to the journal before answering 503
 * @param behindProxy      take the client address from {@code Forwarded}/{@code X-Forwarded-For}
 * @param operator         where the dashboard, {@code /metrics} and the health endpoints are served, and
 *                         to whom (never on the report address)
 */
public record CollectorConfig(String host, int port, int maxBodyBytes, double ratePerSecond, int burst,
        Duration idleTimeout, Duration bodyTimeout, Duration writeTimeout, boolean behindProxy,
        OperatorAccess operator) {

    /** @throws IllegalArgumentException if {@code maxBodyBytes} is not from 1 to {@link ReportJournal#MAX_BODY_BYTES} */
    public CollectorConfig {
        if (maxBodyBytes < 1 || maxBodyBytes > ReportJournal.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("the largest report must be from 1 to " + ReportJournal.MAX_BODY_BYTES
                    + " bytes, not " + maxBodyBytes);
        }
    }

    /**
     * Defaults: 64 KiB bodies, 20 reports/s per client with bursts of 100, 10 s timeouts, the operator
     * endpoints on 127.0.0.1 on any free port ({@link CollectorServer#operatorPort()}).
     */
    public static CollectorConfig defaults(String host, int port) {
        return new CollectorConfig(host, port, 64 * 1024, 20, 100, Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(10), false, OperatorAccess.loopback(0));
    }

    public CollectorConfig withRate(double perSecond, int burstSize) {
        return new CollectorConfig(host, port, maxBodyBytes, perSecond, burstSize, idleTimeout, bodyTimeout,
                writeTimeout, behindProxy, operator);
    }

    public CollectorConfig withMaxBodyBytes(int bytes) {
        return new CollectorConfig(host, port, bytes, ratePerSecond, burst, idleTimeout, bodyTimeout, writeTimeout,
                behindProxy, operator);
    }

    public CollectorConfig withTimeouts(Duration idle, Duration body) {
        return new CollectorConfig(host, port, maxBodyBytes, ratePerSecond, burst, idle, body, writeTimeout,
                behindProxy, operator);
    }

    public CollectorConfig withBehindProxy(boolean proxied) {
        return new CollectorConfig(host, port, maxBodyBytes, ratePerSecond, burst, idleTimeout, bodyTimeout,
                writeTimeout, proxied, operator);
    }

    /** Serves the operator endpoints as {@code access} says. */
    public CollectorConfig withOperator(OperatorAccess access) {
        return new CollectorConfig(host, port, maxBodyBytes, ratePerSecond, burst, idleTimeout, bodyTimeout,
                writeTimeout, behindProxy, access);
    }
}
