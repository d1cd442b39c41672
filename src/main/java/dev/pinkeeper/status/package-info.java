/**
 * A site at a glance, as {@code pinkeeper status} shows it: its keys and where their private halves
 * are, its plan's stage and headers, its certificates and their renewal, the last deployment and
 * whether the server serves it, and every warning that needs the operator.
 *
 * <pre>{@code
 * SiteStatus status = new StatusReader(new KeyInventory(StateDirectory.resolve(null))).read("example", Instant.now());
 * if (status.needsOperator()) status.warnings().forEach(w -> System.out.println(w.message()));
 * }</pre>
 */
package dev.pinkeeper.status;
