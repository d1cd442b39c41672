package dev.pinkeeper.cli;

import dev.pinkeeper.lifecycle.DeployResult;
import java.io.PrintStream;

/** Prints a deployment's result and maps it to the exit code. */
final class LifecycleOutput {
    private LifecycleOutput() {
    }

    /** Prints the steps (with {@code verbose}) and the one-line outcome; returns the exit code. */
    static int report(DeployResult result, boolean verbose) {
        PrintStream out = System.out;
        if (verbose || !result.live()) {
            for (String step : result.steps()) {
                System.out.println("  " + step);
            }
        }
        String status = result.status().name().toLowerCase();
        out.println(status + ": " + result.message());
        return result.live() ? ExitCode.OK : ExitCode.REJECTED;
    }
}
