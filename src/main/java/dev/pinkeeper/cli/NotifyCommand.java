package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.JsonOption;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.pinkeeper.lifecycle.LifecycleEvent;
import dev.pinkeeper.lifecycle.LifecycleLog;
import dev.pinkeeper.ops.Notifier;
import dev.pinkeeper.ops.UnitFailure;
import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper notify}: the notify command run by hand (a test) or by systemd when a unit failed. */
@Command(name = "notify", mixinStandardHelpOptions = true,
        header = "Run the notify command with a JSON summary of a failed systemd unit, or a test message.",
        description = {"Runs the notify command (--notify-command, else notify-command in the settings file) with"
                + " /bin/sh -c and one JSON document on its standard input, as renew does when a site fails:"
                + " {\"event\":\"unit-failed\",\"unit\":…,\"serviceResult\":…,\"exitCode\":…,\"exitStatus\":…,"
                + "\"invocationId\":…,\"host\":…,\"at\":…} with --unit (what pinkeeper-notify@.service runs: systemd"
                + " passes the failed unit's result in $MONITOR_SERVICE_RESULT, $MONITOR_EXIT_CODE, $MONITOR_EXIT_STATUS),"
                + " or {\"event\":\"test\",\"host\":…,\"at\":…} with --test.",
                "A renew that exited 1 already notified about its failed sites itself: --unit then runs nothing.",
                "Exit 0 when the command succeeded (or had nothing to say; with --unit also when no notify command is"
                        + " set: a warning), 1 when it failed, 2 for --test without a notify command."})
final class NotifyCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--unit", paramLabel = "UNIT", description = "The systemd unit that failed (OnFailure=: %%i).")
        String unit;

        @Option(names = "--test", description = "Send a test message.")
        boolean test;
    }

    @Option(names = "--notify-command", paramLabel = "CMD",
            description = "The command to run (default: notify-command in the settings file).")
    String command;

    @Mixin
    JsonOption jsonOption;

    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        String chosen = command != null ? command : SettingsDefaults.current().notifyCommand();
        if (chosen == null && !what.test) {
            // started by systemd on every machine with the package: no command set is not an error of the unit
            LogLines.stderr().record(LifecycleEvent.of(LifecycleEvent.Action.FAILED, null, "unit " + what.unit
                    + " failed; no notify command is set (notify-command in the settings file), so nobody was told")
                    .at(LifecycleEvent.Level.WARNING));
            return ExitCode.OK;
        }
        if (chosen == null || chosen.isBlank()) {
            throw new UsageException("no notify command: give --notify-command CMD or set notify-command in the"
                    + " settings file");
        }
        UnitFailure failure = what.test ? null : UnitFailure.of(what.unit, environment);
        Summary summary = new Summary(what.test ? "test" : "unit-failed", failure, hostName(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        if (failure != null && failure.notifiedItself()) {
            return done(summary, null, "skipped: renew exited 1 and notified about its failed sites itself");
        }
        int code = send(chosen, summary.event(), summary, what.test ? "test message" : "unit " + what.unit + " failed",
                LogLines.stderr());
        return done(summary, code == ExitCode.OK, code == ExitCode.OK ? "sent" : "the notify command failed");
    }

    /**
     * What the notify command gets on its standard input: {@code {"event":"test","host":…,"at":…}}, or for a failed
     * unit {@code {"event":"unit-failed","unit":…,"serviceResult":…,"exitCode":…,"exitStatus":…,"invocationId":…,
     * "host":…,"at":…}}.
     */
    record Summary(String event, @JsonUnwrapped UnitFailure unit, String host, Instant at) {
    }

    /** The JSON document on stdout: the summary, whether it was sent (null: nothing to send) and what happened. */
    record Outcome(Summary summary, Boolean sent, String message) {
    }

    private int done(Summary summary, Boolean sent, String message) {
        if (jsonOption.json()) {
            Json.print(new Outcome(summary, sent, message));
        } else if (!Verbosity.quiet()) {
            System.out.println(message);
        }
        return sent == null || sent ? ExitCode.OK : ExitCode.REJECTED;
    }

    /**
     * Runs {@code command} with {@code document} (as JSON) on its stdin and logs how it ended (a failure as an error);
     * returns {@link ExitCode#OK} or {@link ExitCode#REJECTED}.
     */
    static int send(String command, String event, Object document, String what, LifecycleLog log) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(document);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Notifier(command, Notifier.DEFAULT_TIMEOUT).send(event, json, what, log) ? ExitCode.OK
                : ExitCode.REJECTED;
    }

    /** This machine's name, for the summary (the operator may get alerts from several). */
    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
