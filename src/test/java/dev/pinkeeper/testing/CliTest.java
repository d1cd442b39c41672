package dev.pinkeeper.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The test runner itself: standard input is fed, the outputs are captured, and the streams are restored. */
class CliTest {
    @Test
    void standardInputIsFedAndTheStreamsAreRestored() throws Exception {
        InputStream in = System.in;
        PrintStream out = System.out;
        PrintStream err = System.err;
        // the same scenario from standard input ("-") and from its file gives the same answer: the input is fed
        String scenario = Files.readString(Path.of("scenarios/smashing-magazine-2016.json"));
        Cli.Result fromStdin = Cli.runWithInput(scenario, "simulate", "--json", "-");
        Cli.Result fromFile = Cli.run("simulate", "--json", "scenarios/smashing-magazine-2016.json");
        assertThat(fromStdin.code()).as(fromStdin.err()).isEqualTo(1).isEqualTo(fromFile.code());
        assertThat(fromStdin.json().get("lockouts")).isNotEmpty().isEqualTo(fromFile.json().get("lockouts"));
        Cli.Result empty = Cli.run("simulate", "-");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.out()).isEmpty();
        Cli.Result unreadable = Cli.run("simulate", "/nonexistent/cert.pem");
        assertThat(unreadable.code()).isEqualTo(2);
        assertThat(unreadable.errLines()).hasSize(1);
        assertThat(unreadable.err()).contains("/nonexistent/cert.pem");
        assertThat(System.in).isSameAs(in);
        assertThat(System.out).isSameAs(out);
        assertThat(System.err).isSameAs(err);
    }
}
