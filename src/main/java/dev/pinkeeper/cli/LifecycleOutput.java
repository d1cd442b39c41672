package dev.pinkeeper.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinkeeper.lifecycle.DeployResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints a deployment's result and maps it to the exit code. */
final class LifecycleOutput {
    private LifecycleOutput() {
    }

    /**
     * Prints the one-line outcome (after the steps, when it is not live: why), or with {@code json} one JSON
     * document: {@code {"status":"deployed|ready|unchanged|refused|failed","release":…,"message":…,"steps":[…],
     * "warnings":[…]}} ({@code warnings}: already printed on stderr); returns the exit code.
     */
    static int report(DeployResult result, List<String> warnings, boolean json) {
        String status = result.status().name().toLowerCase(Locale.ROOT);
        if (json) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("status", status);
            root.put("release", result.release());
            root.put("message", result.message());
            ArrayNode steps = root.putArray("steps");
            result.steps().forEach(steps::add);
            ArrayNode warningList = root.putArray("warnings");
            warnings.forEach(warningList::add);
            KeysCommand.printJson(root);
            return result.live() ? ExitCode.OK : ExitCode.REJECTED;
        }
        PrintStream out = System.out;
        if (!result.live()) { // --verbose logs every step on stderr
            for (String step : result.steps()) {
                out.println("  " + step);
            }
        }
        out.println(status + ": " + result.message());
        return result.live() ? ExitCode.OK : ExitCode.REJECTED;
    }
}
