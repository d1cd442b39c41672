/**
 * pinkeeper's own slf4j provider: every library (Jetty, HikariCP, Flyway, acme4j) and pinkeeper's report
 * collector log through it, one line per event on stderr, at the levels the global {@code --quiet},
 * {@code --verbose} and {@code --debug} options choose ({@link dev.pinkeeper.ops.log.LogLevels}), with the
 * syslog priority journald reads when a systemd service runs it.
 */
package dev.pinkeeper.ops.log;
