/**
 * Keeping reports: the {@link dev.pinkeeper.report.store.ReportJournal} of acknowledged reports
 * (fsynced segment files), the {@link dev.pinkeeper.report.store.JournalWriter} that acknowledges a
 * report only once it is journaled (group commit), the
 * {@link dev.pinkeeper.report.store.DatabaseFeeder} that classifies journaled reports and stores them
 * exactly once and says when the store stops making progress ({@link dev.pinkeeper.report.store.StoreStatus}),
 * and the JDBC store (an embedded SQLite file in WAL mode by default, PostgreSQL in production; Flyway
 * migrations, HikariCP pool), with the import of an earlier version's H2 store
 * ({@link dev.pinkeeper.report.store.H2Import}) and the repair of a damaged SQLite one
 * ({@link dev.pinkeeper.report.store.StoreRepair}).
 */
package dev.pinkeeper.report.store;
