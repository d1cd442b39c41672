package dev.pinkeeper.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pinkeeper.cli.Main;

/**
 * The one way tests run the command line in this JVM: {@code pinkeeper ARGS} through
 * {@link Main#execute}, with an optional standard input, capturing the exit code, standard output
 * and standard error. Runs are serialized (System.in, out and err are swapped while one runs).
 *
 * <pre>{@code
 * Cli.Result r = Cli.run("pin", "--json", "cert.pem");
 * assertThat(r.code()).isZero();
 * JsonNode pins = r.json();
 * Cli.Result fromStdin = Cli.runWithInput(pemText, "pin", "-");
 * }</pre>
 */
public final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cli() {
    }

    /**
     * The outcome of one run.
     *
     * @param code the exit code
     * @param out  everything printed on standard output
     * @param err  everything printed on standard error
     */
    public record Result(int code, String out, String err) {
        /** The lines of stderr. */
        public String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\n");
        }

        /** stdout as one JSON document (an assertion error if it is anything else). */
        public JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not one JSON document: " + out, e);
            }
        }
    }

    /** {@link #run} with {@code --state=STATE} added (the commands that read or change a state directory). */
    public static Result runWithState(Path state, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--state=" + state;
        return run(all);
    }

    /**
     * {@link #runWithState} for a command that must be refused as bad usage before it changes anything:
     * asserts exit 2, one line on stderr naming {@code named} (an option), and every file under
     * {@code state} as it was ({@link FileSnapshot}).
     */
    public static Result usageErrorChangingNothing(Path state, String named, String... args) {
        java.util.Map<String, String> before = FileSnapshot.of(state);
        Result refused = runWithState(state, args);
        String what = String.join(" ", args) + ": " + refused.out() + refused.err();
        org.assertj.core.api.Assertions.assertThat(refused.code()).as(what).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(refused.errLines()).as(what).hasSize(1);
        org.assertj.core.api.Assertions.assertThat(refused.err()).as(what).contains(named);
        org.assertj.core.api.Assertions.assertThat(FileSnapshot.of(state)).as(what).isEqualTo(before);
        return refused;
    }

    /** Creates {@code site} for {@code domain} in {@code state} with EC keys only (fast to generate); fails if it cannot. */
    public static void initSite(Path state, String site, String domain) {
        Result result = runWithState(state, "keys", "init", "--site", site, "--domain", domain, "--current", "ec:p256",
                "--backup", "ec:p256,ec:p384");
        if (result.code() != 0) {
            throw new AssertionError("keys init --site " + site + " exited " + result.code() + ": " + result.err());
        }
    }

    /** Runs {@code pinkeeper args...} with an empty standard input. */
    public static Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    /** Runs {@code pinkeeper args...} with {@code stdin} (UTF-8) as standard input. */
    public static Result runWithInput(String stdin, String... args) {
        return runWithInput(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** Runs {@code pinkeeper args...} with {@code stdin} as standard input. */
    public static synchronized Result runWithInput(byte[] stdin, String... args) {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setIn(new ByteArrayInputStream(stdin));
            System.setOut(o);
            System.setErr(e);
            int code = Main.execute(args);
            o.flush();
            e.flush();
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
