package dev.pinkeeper.ops;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The operator's notify command: a shell command line (it may be a script, a {@code mail} pipeline, a
 * {@code curl} to a chat hook) run with {@code /bin/sh -c} and given one JSON document on its standard
 * input. The document never enters the command line, so nothing a CA or a site's state says can be run.
 * {@code $PINKEEPER_EVENT} names the event ({@code renew}, {@code unit-failed}, {@code test}).
 *
 * <pre>{@code
 * CommandRun run = new Notifier("/usr/local/bin/page-me", Notifier.DEFAULT_TIMEOUT).send("renew", json);
 * }</pre>
 */
public final class Notifier {
    /** How long a notify command may take before it is stopped. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final String command;
    private final Duration timeout;

    public Notifier(String command, Duration timeout) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("an empty notify command");
        }
        this.command = command;
        this.timeout = timeout;
    }

    /** Runs the command with {@code json} on its standard input and {@code $PINKEEPER_EVENT} set to {@code event}. */
    public CommandRun send(String event, String json) {
        return ExternalCommand.shell(command, Map.of("PINKEEPER_EVENT", event),
                (json + "\n").getBytes(StandardCharsets.UTF_8), timeout);
    }
}
