package dev.pinkeeper.ops.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lines of pinkeeper's slf4j provider, at the levels of a quiet, default, verbose and debug run. */
class StderrLoggerTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @AfterEach
    void defaults() {
        LogLevels.reset();
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private void logEveryLevel(StderrLogger log) {
        log.debug("a step");
        log.info("started");
        log.warn("slow store");
        log.error("failed");
    }

    @Test
    void levelFirstThenTimeNameAndMessageOnOneLine() {
        StderrLogger log = new StderrLogger("dev.pinkeeper.report.store.DatabaseFeeder", err, false);
        log.warn("store {} slow\nfor {}", "jdbc:sqlite:x", "95 s");
        assertThat(lines()).singleElement().asString()
                .matches("WARN \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ DatabaseFeeder: store jdbc:sqlite:x slow for 95 s");
    }

    @Test
    void quietKeepsWarningsAndErrorsOnly() {
        LogLevels.quiet();
        logEveryLevel(new StderrLogger("dev.pinkeeper.collector", err, false));
        assertThat(lines()).extracting(l -> l.substring(0, l.indexOf(' '))).containsExactly("WARN", "ERROR");
    }

    @Test
    void theDefaultLogsInfoAndTheLibrariesNothing() {
        logEveryLevel(new StderrLogger("dev.pinkeeper.collector", err, false));
        logEveryLevel(new StderrLogger("org.eclipse.jetty.server.Server", err, false));
        assertThat(lines()).extracting(l -> l.substring(0, l.indexOf(' '))).containsExactly("INFO", "WARN", "ERROR");
    }

    @Test
    void verboseAddsDebugAndTheLibrariesWarningsNeverTheirDebug() {
        LogLevels.verbose();
        StderrLogger jetty = new StderrLogger("org.eclipse.jetty.server.HttpChannel", err, false);
        logEveryLevel(new StderrLogger("dev.pinkeeper.collector", err, false));
        logEveryLevel(jetty);
        assertThat(jetty.isDebugEnabled()).isFalse();
        assertThat(lines()).extracting(l -> l.substring(0, l.indexOf(' '))).containsExactly("DEBUG", "INFO", "WARN", "ERROR",
                "WARN", "ERROR");
    }

    @Test
    void underJournaldEachLineStartsWithItsPriority() {
        LogLevels.verbose();
        logEveryLevel(new StderrLogger("dev.pinkeeper.collector", err, true));
        assertThat(lines()).extracting(l -> l.substring(0, l.indexOf(' '))).containsExactly("<7>DEBUG", "<6>INFO", "<4>WARN",
                "<3>ERROR");
    }

    @Test
    void aThrowableIsItsCauseChainOnTheLineItsStackOnlyWithDebug() {
        StderrLogger log = new StderrLogger("dev.pinkeeper.report.http.ReportHandler", err, false);
        IllegalStateException failure = new IllegalStateException("writer gone", new IOException("No space left"));
        log.error("report request failed", failure);
        assertThat(lines()).singleElement().asString().endsWith("ReportHandler: report request failed: "
                + "java.lang.IllegalStateException: writer gone <- java.io.IOException: No space left");
        bytes.reset();
        LogLevels.debug();
        log.error("report request failed", failure);
        assertThat(lines()).hasSizeGreaterThan(2).element(1).asString().startsWith("java.lang.IllegalStateException");
    }

    @Test
    void theJarsProviderIsThisOne() {
        assertThat(org.slf4j.LoggerFactory.getLogger("dev.pinkeeper.x")).isInstanceOf(StderrLogger.class);
    }
}
