package dev.pinkeeper.report.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running collector's log follows the global --quiet and --verbose: by default its start (the addresses,
 * the store) and its stop; --quiet only warnings and errors; --verbose each report too, never its content.
 * Under systemd each line carries its journald priority.
 */
class CollectorLoggingTest {
    @TempDir
    Path temp;

    /** A collector process (SQLite in {@code state}), its stderr lines; stopped with SIGTERM. */
    private record Run(List<String> err, List<String> out) {
    }

    private Run collect(Path state, Map<String, String> env, List<String> global, String... options) throws Exception {
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.pinkeeper.cli.Main"));
        command.addAll(global);
        command.addAll(List.of("collector", "--listen", "127.0.0.1:" + port, "--operator-listen", "none",
                "--state", state.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JOURNAL_STREAM");
        builder.environment().putAll(env);
        // files, not pipes: a line written just before the process exits is never lost
        Path outFile = temp.resolve(state.getFileName() + ".out");
        Path errFile = temp.resolve(state.getFileName() + ".err");
        Process process = builder.redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!listens(port) && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(listens(port)).as("stderr: %s", Files.readString(errFile)).isTrue();
            CollectorStartupTest.postReport(port, "logged.secret-body.test");
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Run(Files.readAllLines(errFile), Files.readAllLines(outFile));
    }

    private static boolean listens(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void byDefaultItLogsItsStartAddressStoreAndStop() throws Exception {
        Path state = temp.resolve("default");
        Run run = collect(state, Map.of(), List.of());
        assertThat(run.err()).anySatisfy(line -> assertThat(line).matches("INFO \\S+Z collector: listening on "
                + "http://127\\.0\\.0\\.1:\\d+/ for reports \\(store: jdbc:sqlite:" + state.resolve("reports.db")
                + "\\S*\\); no dashboard or metrics \\(--operator-listen none\\)"));
        assertThat(run.err().get(run.err().size() - 1)).matches("INFO \\S+Z collector: stopped: .*");
        assertThat(run.err()).noneMatch(line -> line.startsWith("DEBUG"));
        assertThat(run.out()).as("a daemon's lines are its log, on stderr").isEmpty();
    }

    @Test
    void quietSilencesEveryInfoLineOfARunningCollector() throws Exception {
        Run run = collect(temp.resolve("quiet"), Map.of(), List.of("--quiet"));
        assertThat(run.err()).as("a quiet collector that started, took a report and stopped says nothing").isEmpty();
        assertThat(run.out()).isEmpty();
    }

    @Test
    void quietStillLogsWarnings() throws Exception {
        // a PostgreSQL store that does not answer: the collector keeps reports in its journal, and warns
        String db = "jdbc:postgresql://127.0.0.1:" + FreePorts.next() + "/reports?connectTimeout=1";
        Run run = collect(temp.resolve("quiet-warn"), Map.of(), List.of("--quiet"), "--db", db);
        assertThat(run.err()).isNotEmpty().allSatisfy(line -> assertThat(line).matches("(WARN|ERROR) .*"));
        assertThat(run.err()).anyMatch(line -> line.contains("database unavailable, keeping reports in the journal"));
    }

    @Test
    void verboseLogsEachReportButNeverItsContent() throws Exception {
        Run run = collect(temp.resolve("verbose"), Map.of(), List.of("--verbose"));
        assertThat(run.err()).anySatisfy(line -> assertThat(line).matches("DEBUG \\S+Z ReportHandler: report of \\d+ bytes journaled"));
        assertThat(String.join("\n", run.err())).doesNotContain("secret-body");
    }

    @Test
    void underSystemdEachLineCarriesItsJournalPriority() throws Exception {
        Run run = collect(temp.resolve("journal"), Map.of("JOURNAL_STREAM", "8:12345"), List.of());
        assertThat(run.err()).isNotEmpty().allSatisfy(line -> assertThat(line).matches("<[3467]>(ERROR|WARN|INFO|DEBUG) .*"));
        assertThat(run.err()).anyMatch(line -> line.startsWith("<6>INFO ") && line.contains("collector: listening on"));
    }
}
