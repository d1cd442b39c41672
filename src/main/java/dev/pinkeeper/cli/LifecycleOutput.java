package dev.pinkeeper.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;


import dev.pinkeeper.lifecycle.DeployResult;

/** Prints a deployment's result and maps it to the exit code. */
final class LifecycleOutput {
    private LifecycleOutput() {
    }

    /**
     * The JSON document {@link #report} prints.
     *
     * @param status   deployed, ready, unchanged, refused or failed
     * @param release  the release made, or null
     * @param message  one line, with its remedy
     * @param steps    each step taken
     * @param warnings what was already printed on stderr
     */
    record Document(String status, String release, String message, List<String> steps, List<String> warnings) {
        static Document of(DeployResult result, List<String> warnings) {
            return new Document(result.status().name().toLowerCase(Locale.ROOT), result.release(),
                    Remedies.withRemedy(result.message(), result.remedy()), result.steps(), warnings);
        }
    }

    /**
     * Prints the one-line outcome (after the steps, when it is not live: why), or with {@code json} one JSON
     * document: {@code {"status":"deployed|ready|unchanged|refused|failed","release":…,"message":…,"steps":[…],
     * "warnings":[…]}} ({@code warnings}: already printed on stderr); returns the exit code.
     */
    static int report(DeployResult result, List<String> warnings, boolean json) {
        String status = result.status().name().toLowerCase(Locale.ROOT);
        if (json) {
            Json.print(Document.of(result, warnings));
            return result.live() ? ExitCode.OK : ExitCode.REJECTED;
        }
        PrintStream out = System.out;
        if (!result.live()) { // --verbose logs every step on stderr
            for (String step : result.steps()) {
                out.println("  " + step);
            }
        }
        out.println(status + ": " + Remedies.withRemedy(result.message(), result.remedy()));
        return result.live() ? ExitCode.OK : ExitCode.REJECTED;
    }
}
