package dev.pinkeeper.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.site.SiteTransaction;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Runs a command given {@code --dry-run} ({@link DryRunOption}) and marks its output: text gets a first
 * line saying nothing was written; a JSON document gets {@code "dryRun": true} as its first member.
 */
final class DryRuns {
    /** The line that starts the text output of a dry run. */
    static final String TEXT_MARK = "dry run: nothing was written, no server reloaded, no certificate ordered";

    private DryRuns() {
    }

    /** Runs {@code parseResult}'s command as picocli would, marking its output when it is a dry run. */
    static int execute(ParseResult parseResult) {
        if (!SiteTransaction.dryRunRequested()) {
            return new CommandLine.RunLast().execute(parseResult);
        }
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        PrintWriter writer = new PrintWriter(capture, true);
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            level.commandSpec().commandLine().setOut(writer);
        }
        System.setOut(capture);
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } finally {
            writer.flush();
            System.setOut(original);
            print(original, captured.toString(StandardCharsets.UTF_8), json(parseResult));
        }
    }

    private static void print(PrintStream out, String output, boolean json) {
        if (json && !output.isBlank()) {
            try {
                JsonNode document = Json.mapper().readTree(output);
                if (document instanceof ObjectNode object) {
                    ObjectNode marked = Json.mapper().createObjectNode();
                    marked.put("dryRun", true);
                    marked.setAll(object);
                    out.write(Json.mapper().writeValueAsBytes(marked));
                    out.write('\n');
                    out.flush();
                    return;
                }
            } catch (IOException e) {
                // not one JSON document: printed as it is
            }
        } else if (!json) {
            out.println(TEXT_MARK);
        }
        out.print(output);
        out.flush();
    }

    private static boolean json(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--json")) {
                return true;
            }
        }
        return false;
    }
}
