/**
 * Pin violation reports (RFC 7469 §3 and TrustKit's variant): parsing, analysis against the
 * site's pin plan, and the summaries the dashboard and {@code pinkeeper reports} show.
 *
 * <p>The site plans the analysis uses ({@link dev.pinkeeper.report.SitePlans}) come from the plans
 * pinkeeper keeps in its state directory ({@link dev.pinkeeper.report.StateSitePlans}, adapted by
 * {@link dev.pinkeeper.report.PlanSitePlans}) or from a JSON file
 * ({@link dev.pinkeeper.report.SitePlanFile}); {@link dev.pinkeeper.report.ReloadingSitePlans} re-reads
 * either when it changes.
 *
 * <p>Subpackages: {@code store} (journal of acknowledged reports, JDBC storage), {@code http} (the collector
 * server), {@code dashboard} (the HTML page).
 */
package dev.pinkeeper.report;
