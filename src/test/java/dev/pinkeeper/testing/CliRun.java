package dev.pinkeeper.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.pinkeeper.cli.Main;

/**
 * Runs the pinkeeper command line in this JVM and captures what it prints.
 *
 * @param exit   the exit code
 * @param stdout everything printed on standard output
 * @param stderr everything printed on standard error
 */
public record CliRun(int exit, String stdout, String stderr) {
    /** Runs {@code pinkeeper args...}; calls are serialized because System.out and System.err are swapped. */
    public static synchronized CliRun of(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(stdout, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int exit = Main.execute(args);
            o.flush();
            e.flush();
            return new CliRun(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
