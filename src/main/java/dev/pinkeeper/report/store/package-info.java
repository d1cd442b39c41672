/**
 * Keeping reports: the {@link dev.pinkeeper.report.store.ReportJournal} of acknowledged reports
 * (fsynced segment files), the {@link dev.pinkeeper.report.store.JournalWriter} that acknowledges a
 * report only once it is journaled (group commit), the
 * {@link dev.pinkeeper.report.store.DatabaseFeeder} that classifies journaled reports and stores them
 * exactly once, and the JDBC store (embedded H2 by default, PostgreSQL in production; Flyway
 * migrations, HikariCP pool).
 */
package dev.pinkeeper.report.store;
