/**
 * Pin violation reports (RFC 7469 §3 and TrustKit's variant): parsing, analysis against the
 * site's pin plan, and the summaries the dashboard and {@code pinkeeper reports} show.
 *
 * <p>Subpackages: {@code store} (journal of acknowledged reports, JDBC storage), {@code http} (the collector
 * server), {@code dashboard} (the HTML page).
 */
package dev.pinkeeper.report;
