package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.RecordingScript;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code pinkeeper notify}: a test message by hand, and what pinkeeper-notify@.service sends when a unit failed. */
class NotifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void testSendsATestSummaryOnStdin() throws Exception {
        RecordingScript script = RecordingScript.create(dir, "notify", 0, "");
        Cli.Result sent = Cli.run("notify", "--test", "--notify-command", script.path().toString());
        assertThat(sent.code()).as(sent.err()).isZero();
        assertThat(sent.out()).isEqualTo("sent\n");
        assertThat(script.runs()).hasSize(1);
        JsonNode summary = JSON.readTree(script.runs().get(0).stdin());
        assertThat(summary.get("event").asText()).isEqualTo("test");
        assertThat(summary.get("host").asText()).isNotBlank();
        assertThat(script.runs().get(0).environment()).containsEntry("PINKEEPER_EVENT", "test");
    }

    @Test
    void aFailingNotifyCommandIsOneErrorLineAndExit1() {
        RecordingScript script = RecordingScript.create(dir, "notify", 3, "no route to host");
        Cli.Result failed = Cli.run("notify", "--test", "--quiet", "--notify-command", script.path().toString());
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.out()).isEmpty();
        assertThat(failed.errLines()).singleElement().asString().startsWith("ERROR ")
                .contains("failed: notify command (test message): exited with status 3: no route to host");
    }

    @Test
    void withoutANotifyCommandItIsAUsageError() {
        Cli.Result none = Cli.run("notify", "--test");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.errLines()).singleElement().asString().contains("no notify command");
    }

    @Test
    void aFailedUnitWithoutANotifyCommandIsAWarningNotAFailureOfTheNotifyUnit() {
        Cli.Result unset = Cli.run("notify", "--unit", "pinkeeper-renew.service");
        assertThat(unset.code()).as(unset.err()).isZero();
        assertThat(unset.errLines()).singleElement().asString().startsWith("WARN ")
                .contains("unit pinkeeper-renew.service failed; no notify command is set");
    }

    @Test
    void aFailedUnitIsSentWithWhatSystemdSaysAboutIt() throws Exception {
        RecordingScript script = RecordingScript.create(dir, "notify", 0, "");
        Run run = unitFailed(script, Map.of("MONITOR_SERVICE_RESULT", "signal", "MONITOR_EXIT_CODE", "killed",
                "MONITOR_EXIT_STATUS", "KILL", "MONITOR_INVOCATION_ID", "abc123"));
        assertThat(run.code()).isZero();
        JsonNode summary = JSON.readTree(script.runs().get(0).stdin());
        assertThat(summary.get("event").asText()).isEqualTo("unit-failed");
        assertThat(summary.get("unit").asText()).isEqualTo("pinkeeper-renew.service");
        assertThat(summary.get("serviceResult").asText()).isEqualTo("signal");
        assertThat(summary.get("exitCode").asText()).isEqualTo("killed");
        assertThat(summary.get("exitStatus").asText()).isEqualTo("KILL");
        assertThat(summary.get("invocationId").asText()).isEqualTo("abc123");
        assertThat(JSON.readTree(run.out()).get("sent").asBoolean()).isTrue();
    }

    @Test
    void aRenewThatExited1NotifiedItselfSoTheUnitFailureSendsNothing() throws Exception {
        RecordingScript script = RecordingScript.create(dir, "notify", 0, "");
        Run run = unitFailed(script, Map.of("MONITOR_SERVICE_RESULT", "exit-code", "MONITOR_EXIT_CODE", "exited",
                "MONITOR_EXIT_STATUS", "1"));
        assertThat(run.code()).isZero();
        assertThat(script.runs()).isEmpty();
        assertThat(JSON.readTree(run.out()).get("message").asText()).startsWith("skipped");
    }

    private record Run(int code, String out) {
    }

    /** Runs {@code notify --unit pinkeeper-renew.service --json} with {@code environment} as systemd sets it. */
    private static Run unitFailed(RecordingScript script, Map<String, String> environment) {
        NotifyCommand command = new NotifyCommand();
        command.environment = environment;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            CommandLine commandLine = new CommandLine(command);
            commandLine.setErr(new PrintWriter(new ByteArrayOutputStream(), true));
            int code = Main.execute(commandLine, "--unit", "pinkeeper-renew.service", "--json",
                    "--notify-command", script.path().toString());
            return new Run(code, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }
}
