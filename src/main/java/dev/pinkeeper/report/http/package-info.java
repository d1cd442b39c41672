/**
 * The collector's HTTP server (Jetty): receives violation reports at any path by POST, serves
 * the dashboard at {@code /} and Prometheus metrics at {@code /metrics}. Defends itself: body
 * size limit enforced while reading, content-type check, per-client rate limit, timeouts for
 * idle and slow clients.
 */
package dev.pinkeeper.report.http;
