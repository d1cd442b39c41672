package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.testing.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * pinkeeper's log (the collector's) goes to stderr, one line per event, the level first, then the time and the
 * logger, as the lifecycle lines are, with the provider the jar ships; other loggers stay silent.
 */
class LogFormatTest {
    @TempDir
    Path dir;

    @Test
    void eachEventIsOneLineLevelFirst() {
        Processes.Run run = Processes.run(dir, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName()), null, Duration.ofSeconds(60));
        assertThat(run.code()).isZero();
        assertThat(new String(run.out(), StandardCharsets.UTF_8)).isEmpty();
        assertThat(run.err().lines().map(line -> line.replaceFirst(" \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ ", " TIME ")))
                .containsExactly("WARN TIME DatabaseFeeder: the store is slow", "INFO TIME ReportHandler: a report");
    }

    /** Logs as the collector does, and as a library would. */
    public static final class Probe {
        public static void main(String[] args) {
            LoggerFactory.getLogger("dev.pinkeeper.report.store.DatabaseFeeder").warn("the store is slow");
            LoggerFactory.getLogger("dev.pinkeeper.report.http.ReportHandler").info("a report");
            LoggerFactory.getLogger("dev.pinkeeper.report.http.ReportHandler").debug("not shown");
            LoggerFactory.getLogger("org.eclipse.jetty.server.Server").warn("a library is silent");
        }
    }
}
