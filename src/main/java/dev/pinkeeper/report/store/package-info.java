/**
 * Keeping reports: a JDBC store (embedded H2 by default, PostgreSQL in production; Flyway
 * migrations, HikariCP pool), a durable on-disk spool for when the database is down, and the
 * {@link dev.pinkeeper.report.store.DurableWriter} that never acknowledges a report it has not
 * either stored or fsynced to the spool.
 */
package dev.pinkeeper.report.store;
