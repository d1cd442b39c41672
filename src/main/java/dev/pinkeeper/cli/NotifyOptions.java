package dev.pinkeeper.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.lifecycle.LifecycleLog;
import dev.pinkeeper.lifecycle.SiteRenewal;
import dev.pinkeeper.ops.Alert;
import dev.pinkeeper.ops.RenewAlerts;
import java.time.Duration;
import dev.pinkeeper.cli.options.Times;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code renew}'s failure notification: {@code --notify-command} and {@code --notify-after}, defaults from the
 * settings file ({@link SettingsDefaults}). The command gets {@code renew --json}'s document with {@code event},
 * {@code host} and {@code alerts} added on its standard input.
 */
final class NotifyOptions {
    @Option(names = "--notify-command", paramLabel = "CMD",
            description = "When a site's renewal fails or a due key rollover waits longer than --notify-after, run CMD"
                    + " (with /bin/sh -c, at most 60 s) with one JSON summary on its standard input (default: notify-command"
                    + " in the settings file; none).")
    String command;

    @Option(names = "--notify-after", paramLabel = "DURATION",
            description = "How long a due key rollover may wait for the rollover gate before it is notified (s, m, h, d"
                    + " or w; default: notify-after in the settings file, else 14d).")
    String after;

    /** The notify command, or null for none: the option, else the settings file. */
    String command() {
        String chosen = command != null ? command : SettingsDefaults.current().notifyCommand();
        if (chosen != null && chosen.isBlank()) {
            throw new UsageException("--notify-command: an empty command");
        }
        return chosen;
    }

    /** The threshold for overdue rollovers, checked. */
    Duration threshold() {
        if (after == null) {
            Duration fromFile = SettingsDefaults.current().notifyAfter();
            return fromFile == null ? RenewAlerts.DEFAULT_THRESHOLD : fromFile;
        }
        return Times.duration("--notify-after", after);
    }

    /** Checks both values before anything runs. */
    void check() {
        command();
        threshold();
    }

    /**
     * Runs the notify command when {@code results} raise an alert, with {@code summary} (the renewal's JSON
     * document: a tree or a record, left unchanged) completed with {@code event}, {@code host} and {@code alerts};
     * returns {@link ExitCode#REJECTED} when the command failed, else {@link ExitCode#OK}.
     */
    int afterRenew(KeyInventory inventory, List<SiteRenewal> results, Instant at, Object summary, LifecycleLog log) {
        List<Alert> alerts = new RenewAlerts(inventory, threshold()).raise(results, at, log);
        String chosen = command();
        if (alerts.isEmpty() || chosen == null) {
            return ExitCode.OK;
        }
        ObjectNode document = summary instanceof ObjectNode tree ? tree.deepCopy() : (ObjectNode) Json.tree(summary);
        document.put("event", "renew");
        document.put("host", NotifyCommand.hostName());
        document.set("alerts", Json.tree(alerts.stream().map(AlertEntry::of).toList()));
        return NotifyCommand.send(chosen, "renew", document, alerts.size() + " alert" + (alerts.size() == 1 ? "" : "s"), log);
    }

    /** An alert in the notify command's summary: {@code {"site","kind","message","since"}}. */
    record AlertEntry(String site, String kind, String message, Instant since) {
        static AlertEntry of(Alert alert) {
            return new AlertEntry(alert.site(), alert.kind().label(), alert.message(), alert.since());
        }
    }
}
