package dev.pinkeeper.ops;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.pinkeeper.lifecycle.LifecycleEvent;
import dev.pinkeeper.lifecycle.LifecycleLog;

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

    /**
     * {@link #send(String, String)}, and records in {@code log} how it ended: that it ran, or (an error) why it
     * failed; {@code what} says in a few words what was notified ({@code test message}, {@code 2 alerts}).
     *
     * @return whether the command succeeded
     */
    public boolean send(String event, String json, String what, LifecycleLog log) {
        CommandRun run = send(event, json);
        if (run.ok()) {
            log.record(LifecycleEvent.Action.HOOK, null, "notify command ran: " + what);
        } else {
            log.record(LifecycleEvent.Action.FAILED, null, "notify command (" + what + "): " + run.problem());
        }
        return run.ok();
    }
}
