package dev.pinkeeper.cli.options;

import picocli.CommandLine.Option;

/**
 * {@code --json}: the command prints one JSON document on standard output and nothing else there, a
 * failure too ({@code {"error":{"kind":…,"message":…,"remedy":…,"allowedFrom":…}}}, docs/json.md).
 */
public final class JsonOption {
    /** The flag. */
    public static final String FLAG = "--json";

    @Option(names = FLAG, description = "Print one JSON document on standard output (a failure too: {\"error\":{…}}).")
    boolean json;

    /** Whether {@value #FLAG} was given. */
    public boolean json() {
        return json;
    }
}
