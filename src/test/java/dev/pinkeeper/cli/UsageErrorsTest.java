package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Inputs that once reached the user as raw exception text (a long or Instant overflow, "Is a
 * directory") are usage errors naming the input: exit 2, one line. An error nobody expected exits 3
 * with one line; {@code --debug} adds the cause chain.
 */
class UsageErrorsTest {
    private static final String PIN = "d6qzRu9zOECb90Uez27xWltNsj0e1Md7GkYYkVoZWmM=";
    private static final String FAR = "+999999999-12-31T23:59:59Z";

    @TempDir
    Path dir;
    Path state;
    TestPki.ChainFiles external;

    @BeforeEach
    void files() throws Exception {
        state = dir.resolve("state");
        Cli.initSite(state, "s", "s.pinkeeper.test");
        assertThat(Cli.runWithState(state, "plan", "init", "--site", "s").code()).isZero();
        external = TestPki.writeChainFiles(dir, "Usage CA", "s.pinkeeper.test");
        Files.createDirectories(dir.resolve("folder"));
    }

    @Test
    void overflowingTimesDurationsAndFoldersAreUsageErrorsNamingTheInput() throws Exception {
        String scenario = Files.readString(Path.of("scenarios/smashing-magazine-2016.json"))
                .replaceFirst("\"maxAge\": *\\d+", "\"maxAge\": 100000000000000000");
        Path huge = Files.writeString(dir.resolve("huge-max-age.json"), scenario);
        String folder = dir.resolve("folder").toString();
        String missing = dir.resolve("missing.pem").toString();
        List<Expected> cases = List.of(
                new Expected("--at", "validate", "--chain", external.fullchain().toString(), "--pins", PIN, "--at", FAR),
                new Expected("--at", "analyse", "--chain", external.fullchain().toString(), "--header",
                        "pin-sha256=\"" + PIN + "\"; max-age=10", "--at", FAR),
                new Expected("--at", "verify", "--at", FAR, "https://127.0.0.1:1/"),
                new Expected("--at", "simulate", "builtin:proper-90-day-rollover", "--at", FAR),
                new Expected("--at", "plan", "show", "--site", "s", "--at", "-999999999-01-01T00:00:00Z",
                        "--state", state.toString()),
                new Expected("--since", "reports", "--since", "99999999999999d", "--state", state.toString()),
                new Expected("--retired-before", "keys", "prune", "--site", "s", "--retired-before", FAR,
                        "--state", state.toString()),
                new Expected("maxAge", "simulate", huge.toString()),
                new Expected("--fullchain: " + folder + " is a folder", "deploy", "--site", "s", "--fullchain", folder,
                        "--privkey", external.privkey().toString(), "--state", state.toString()),
                new Expected("--fullchain: " + missing + " does not exist", "deploy", "--site", "s", "--fullchain", missing,
                        "--privkey", external.privkey().toString(), "--state", state.toString()),
                new Expected("--privkey: " + missing + " does not exist", "deploy", "--site", "s", "--fullchain", external.fullchain().toString(),
                        "--privkey", missing, "--state", state.toString()));
        List<String> wrong = new ArrayList<>();
        for (Expected expected : cases) {
            Cli.Result result = Cli.run(expected.args());
            String[] lines = result.errLines();
            if (result.code() != 2 || lines.length != 1 || !lines[0].startsWith("pinkeeper: ")
                    || !lines[0].contains(expected.naming()) || lines[0].contains("internal error")
                    || lines[0].contains("Exception")) {
                wrong.add(String.join(" ", expected.args()) + " -> exit " + result.code() + ": " + result.err());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void anUnexpectedErrorExits3WithOneLineAndDebugPrintsTheCauseChain() {
        Run plain = run(new Failing());
        assertThat(plain.code()).isEqualTo(ExitCode.INTERNAL);
        assertThat(plain.err().lines()).singleElement().asString()
                .startsWith("pinkeeper: internal error: IllegalStateException: the index is inconsistent")
                .contains("--debug");

        Run debug = run(new Failing(), "--debug");
        assertThat(debug.code()).isEqualTo(ExitCode.INTERNAL);
        assertThat(debug.err()).startsWith("pinkeeper: internal error: IllegalStateException: the index is inconsistent")
                .contains("Caused by: java.io.IOException: the disk said no")
                .contains("at dev.pinkeeper.cli.UsageErrorsTest$Failing.call");
    }

    @Test
    void debugIsAcceptedByEveryCommand() {
        Cli.Result listed = Cli.run("keys", "list", "--debug", "--state", state.toString());
        assertThat(listed.code()).as(listed.err()).isZero();
        Cli.Result usage = Cli.run("deploy", "--debug", "--site", "s", "--fullchain", dir.resolve("folder").toString(),
                "--privkey", external.privkey().toString(), "--state", state.toString());
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.errLines()[0]).startsWith("pinkeeper: --fullchain: " + dir.resolve("folder") + " is a folder");
    }

    private record Expected(String naming, String... args) {
    }

    /** A command that fails as a bug would: an unchecked exception with a cause. */
    @Command(name = "failing")
    static final class Failing implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("the index is inconsistent",
                    new java.io.IOException("the disk said no"));
        }
    }

    private record Run(int code, String err) {
    }

    /** Runs {@code command} with Main's error handling, as {@code pinkeeper failing ARGS}. */
    private static Run run(Object command, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine commandLine = new CommandLine(new Main()).addSubcommand(new CommandLine(command));
        commandLine.setErr(new java.io.PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        String[] all = new String[args.length + 1];
        all[0] = "failing";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.execute(commandLine, all);
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }
}
