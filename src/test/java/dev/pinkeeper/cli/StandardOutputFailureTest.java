package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.PinkeeperProcess;
import dev.pinkeeper.testing.TestPki;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command whose output cannot be written (standard output on {@code /dev/full}: "No space left on
 * device") has not done its job: exit 2 and one line on stderr naming standard output, for every
 * command, checked once in {@link Main}. Real processes, as a shell runs them.
 */
class StandardOutputFailureTest {
    private static final String PIN_A = "d6qzRu9zOECb90Uez27xWltNsj0e1Md7GkYYkVoZWmM=";
    private static final String PIN_B = "E9CZ9INDbd+2eRQozYqqbQ2yXLVKB9+xcprMF+44U1g=";

    @TempDir
    Path dir;

    @Test
    void everyCommandExits2NamingStandardOutputWhenItCannotWriteThere() {
        Path state = dir.resolve("state");
        Cli.initSite(state, "s", "s.pinkeeper.test");
        Path scenarios = Path.of("scenarios").toAbsolutePath();
        Path certificate = TestPki.writePem(dir.resolve("root.pem"), TestPki.root("Output CA"));
        List<List<String>> commands = List.of(
                List.of("keys", "csr", "--site", "s", "--state", state.toString()),
                List.of("keys", "list", "--json", "--state", state.toString()),
                List.of("header", "build", "--pin", PIN_A, "--pin", PIN_B, "--max-age", "5m"),
                List.of("export", "curl", "--host", "s.pinkeeper.test", "--pin", PIN_A, "--pin", PIN_B),
                List.of("simulate", scenarios.resolve("smashing-magazine-2016.json").toString()),
                List.of("pin", certificate.toString()),
                List.of("--help"));
        PinkeeperProcess full = PinkeeperProcess.withStdout(Path.of("/dev/full"));
        List<String> wrong = new ArrayList<>();
        for (List<String> command : commands) {
            PinkeeperProcess.Result result = full.runIn(dir, command.toArray(String[]::new));
            List<String> lines = result.stderrLines();
            // the last line (a command may have printed a note before it)
            if (result.exitCode() != 2 || lines.isEmpty()
                    || !lines.get(lines.size() - 1).equals("pinkeeper: cannot write to standard output: No space left on device")) {
                wrong.add(command + " -> exit " + result.exitCode() + ", stderr " + lines);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theSameCommandsExit0WhenStandardOutputIsWritable() {
        PinkeeperProcess.Result result = PinkeeperProcess.run(dir, "header", "build", "--pin", PIN_A, "--pin", PIN_B,
                "--max-age", "5m");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).doesNotContain("standard output");
        assertThat(result.stdout()).contains(PIN_A);
    }
}
