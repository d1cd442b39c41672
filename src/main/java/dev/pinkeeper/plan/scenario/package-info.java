/**
 * Scenario files: a served (or planned) history in JSON, read into a
 * {@link dev.pinkeeper.plan.Schedule} for the lockout simulator, and the scenarios pinkeeper ships
 * (real pinning failures that must be flagged, and safe plans that must pass). The format is
 * documented in {@code docs/scenario-format.md}.
 */
package dev.pinkeeper.plan.scenario;
