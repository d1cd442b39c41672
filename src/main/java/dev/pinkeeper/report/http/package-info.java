/**
 * The collector's HTTP server (Jetty): receives violation reports at any path by POST on the report
 * address, and nothing else there; serves the dashboard at {@code /} and Prometheus metrics at
 * {@code /metrics} on a separate operator address ({@link dev.pinkeeper.report.http.OperatorAccess},
 * loopback by default, optionally behind a token). Defends itself: body size limit enforced while
 * reading, content-type check, per-client rate limit, timeouts for idle and slow clients, and
 * headers on every answer (Jetty's own error pages included) that let nothing load or frame it.
 */
package dev.pinkeeper.report.http;
