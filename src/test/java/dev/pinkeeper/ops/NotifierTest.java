package dev.pinkeeper.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.testing.RecordingScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notify command: the summary on stdin (never in the command line), the event in the environment, a time limit. */
class NotifierTest {
    @TempDir
    Path dir;

    @Test
    void theSummaryGoesToStdinAndTheEventToTheEnvironment() {
        RecordingScript script = RecordingScript.create(dir, "notify", 0, "");
        String json = "{\"site\":\"$(touch " + dir.resolve("pwned") + ")\"}";
        CommandRun run = new Notifier(script.path() + " one 'two words'", Duration.ofSeconds(20)).send("renew", json);
        assertThat(run.ok()).as(run.problem()).isTrue();
        assertThat(run.exitCode()).isZero();
        RecordingScript.Run recorded = script.runs().get(0);
        assertThat(recorded.stdin()).isEqualTo(json + "\n");
        assertThat(recorded.environment()).containsEntry("PINKEEPER_EVENT", "renew");
        assertThat(recorded.arguments()).containsExactly("one", "two words");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void aFailureSaysItsStatusAndTheEndOfItsOutput() {
        RecordingScript script = RecordingScript.create(dir, "notify", 3, "mail: no route");
        CommandRun run = new Notifier(script.path().toString(), Duration.ofSeconds(20)).send("test", "{}");
        assertThat(run.ok()).isFalse();
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.problem()).isEqualTo("exited with status 3: mail: no route");
    }

    @Test
    void aCommandPastItsTimeLimitIsStoppedWithWhatItStarted() throws Exception {
        Path pid = dir.resolve("pid");
        long start = System.nanoTime();
        CommandRun run = new Notifier("sleep 60 & echo $! > " + pid + "; wait", Duration.ofSeconds(1)).send("test", "{}");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(run.ok()).isFalse();
        assertThat(run.exitCode()).isNull();
        assertThat(run.problem()).contains("did not finish within 1 s");
        long sleeper = Long.parseLong(Files.readString(pid).strip());
        for (int i = 0; i < 50 && ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aMissingProgramIsAFailureNotAnException() {
        CommandRun run = new Notifier(dir.resolve("absent").toString(), Duration.ofSeconds(20)).send("test", "{}");
        assertThat(run.ok()).isFalse();
        assertThat(run.problem()).contains("exited with status 127");
    }
}
