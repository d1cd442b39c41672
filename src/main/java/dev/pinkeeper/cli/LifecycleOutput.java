package dev.pinkeeper.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.lifecycle.DeployResult;

/** Prints a deployment's result and maps it to the exit code. */
final class LifecycleOutput {
    private LifecycleOutput() {
    }

    /**
     * Prints the one-line outcome (after the steps, when it is not live: why), or with {@code json} one JSON
     * document: {@code {"status":"deployed|ready|unchanged|refused|failed","release":…,"message":…,"steps":[…],
     * "warnings":[…]}} ({@code warnings}: already printed on stderr); returns the exit code.
     */
    /** The JSON document {@link #report} prints. */
    static ObjectNode json(DeployResult result, List<String> warnings) {
        ObjectNode root = Json.object();
        root.put("status", result.status().name().toLowerCase(Locale.ROOT));
        root.put("release", result.release());
        root.put("message", Remedies.withRemedy(result.message(), result.remedy()));
        ArrayNode steps = root.putArray("steps");
        result.steps().forEach(steps::add);
        ArrayNode warningList = root.putArray("warnings");
        warnings.forEach(warningList::add);
        return root;
    }

    static int report(DeployResult result, List<String> warnings, boolean json) {
        String status = result.status().name().toLowerCase(Locale.ROOT);
        if (json) {
            Json.print(json(result, warnings));
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
