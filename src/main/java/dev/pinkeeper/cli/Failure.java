package dev.pinkeeper.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;
import dev.pinkeeper.error.Remedy;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command that failed, as the command line reports it: its {@link ErrorKind} (which gives the exit
 * code, {@link ExitCode#of}), the message, the remedy in this command's words, and when a refused step is
 * allowed. Printed as one line on stderr and, with {@code --json}, as one JSON document on stdout:
 * {@code {"error":{"kind":"usage","message":"…","remedy":"…"|null,"allowedFrom":"…"|null}}}.
 *
 * @param kind        what kind of failure it is
 * @param message     what failed, one line
 * @param remedy      what helps, in the command line's words, or null
 * @param allowedFrom when a refused step is allowed, or null
 */
record Failure(ErrorKind kind, String message, String remedy, Instant allowedFrom) {
    /** The failure {@code e} of {@code command} (null: the top command); any exception not pinkeeper's is a bug. */
    static Failure of(Throwable e, CommandSpec command) {
        if (e instanceof PinkeeperException failure) {
            List<Remedy> remedies = Remedies.of(failure);
            Instant allowed = remedies.stream().filter(Remedy.WaitUntil.class::isInstance)
                    .map(r -> ((Remedy.WaitUntil) r).from()).findFirst().orElse(null);
            String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            return new Failure(failure.kind(), message, Remedies.phrase(remedies, command), allowed);
        }
        return new Failure(ErrorKind.INTERNAL, "internal error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                "a bug: please report it; --debug prints the cause chain", null);
    }

    /** The exit code of this failure. */
    int exitCode() {
        return ExitCode.of(kind);
    }

    /** The one line on stderr: {@code pinkeeper: MESSAGE (REMEDY)}, whitespace runs made one space. */
    String line() {
        String line = remedy == null ? message : message + " (" + remedy + ")";
        return "pinkeeper: " + line.replaceAll("\\s+", " ").strip();
    }

    /** Prints the line on {@code err} and, with {@code json}, the JSON document on {@code out}. */
    void print(PrintWriter err, PrintWriter out, boolean json) {
        err.println(line());
        err.flush();
        if (json) {
            out.flush();
            Json.print(System.out, toJson());
        }
    }

    /** {@code {"error":{"kind":…,"message":…,"remedy":…,"allowedFrom":…}}}. */
    ObjectNode toJson() {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("kind", kind.label());
        error.put("message", message.replaceAll("\\s+", " ").strip());
        error.put("remedy", remedy);
        error.put("allowedFrom", allowedFrom == null ? null : allowedFrom.toString());
        return root;
    }

    /** Prints this failure's JSON document on {@code out} (a command that reports a refusal itself). */
    void printJson(PrintStream out) {
        Json.print(out, toJson());
    }
}
