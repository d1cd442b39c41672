package dev.pinkeeper.ops;

import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.lifecycle.LifecycleEvent;
import dev.pinkeeper.lifecycle.LifecycleLog;
import dev.pinkeeper.lifecycle.SiteRenewal;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.Rotation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a renewal run should tell a person about: every site whose renewal failed, and every key rollover
 * that has been due for longer than a threshold while the rollover gate holds it back (its next key's pin
 * was published too late: the site keeps its old key, safely, but past its planned lifetime). A rollover that
 * waits a few days is normal and raises nothing.
 */
public final class RenewAlerts {
    /** How long a due rollover may wait before it raises an alert. */
    public static final Duration DEFAULT_THRESHOLD = Duration.ofDays(14);

    private final KeyInventory inventory;
    private final Duration threshold;

    public RenewAlerts(KeyInventory inventory, Duration threshold) {
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("a negative threshold");
        }
        this.inventory = inventory;
        this.threshold = threshold;
    }

    /** The alerts for {@code results}, a renewal run at {@code at}, in the order of the sites. */
    public List<Alert> of(List<SiteRenewal> results, Instant at) {
        List<Alert> alerts = new ArrayList<>();
        PlanService plans = new PlanService(inventory);
        for (SiteRenewal result : results) {
            if (result.outcome() == SiteRenewal.Outcome.FAILED) {
                alerts.add(new Alert(result.site(), Alert.Kind.FAILED, result.message(), null));
                continue;
            }
            List<Rotation> rotations;
            try {
                rotations = plans.view(result.site(), at).dueRotations();
            } catch (Exception e) {
                continue; // a site without a plan has no rollover to wait for
            }
            for (Rotation rotation : rotations) {
                if (!rotation.safe() && rotation.dueAt(at) && rotation.dueAt().plus(threshold).isBefore(at)) {
                    alerts.add(new Alert(result.site(), Alert.Kind.ROLLOVER_OVERDUE, "key " + rotation.current().id()
                            + " is due for rollover since " + rotation.dueAt() + ": " + rotation.describe(at),
                            rotation.dueAt()));
                }
            }
        }
        return alerts;
    }

    /** {@link #of}, each overdue rollover also recorded in {@code log} as a warning that the rollover waits. */
    public List<Alert> raise(List<SiteRenewal> results, Instant at, LifecycleLog log) {
        List<Alert> alerts = of(results, at);
        for (Alert alert : alerts) {
            if (alert.kind() == Alert.Kind.ROLLOVER_OVERDUE) {
                log.record(LifecycleEvent.of(LifecycleEvent.Action.WAITING, alert.site(), alert.message())
                        .at(LifecycleEvent.Level.WARNING));
            }
        }
        return alerts;
    }
}
