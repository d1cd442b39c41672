package dev.pinkeeper.site;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.PlanEdit;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.StoredPlan;

/**
 * The child process of {@link SiteTransactionKillTest}: changes one site for ever, in a loop of the changes that
 * commit keys and plan in one transaction — a planned rollover, a settings change, an emergency promotion of a
 * backup, and a key change without the plan (a backup added, or retired) — and prints one line after each
 * change the library acknowledged (returned from), until it is killed:
 * {@code ACK KIND INVENTORY-VERSION PLAN-VERSION AT .} (plan version 0: the change wrote none). It starts with
 * {@code READY}, and prints {@code REFUSED KIND} for a change the plan refused (nothing written).
 *
 * <p>Each change happens 62 days after the last one the site recorded (the ramp's longest max-age is 60 days:
 * every rollover and promotion is then safe), so that a run killed at any moment is followed by one that goes on.
 */
public final class SiteChangeLoop {
    private static final List<String> KINDS = List.of("rollover", "set", "emergency", "backup");
    private static final PrintStream OUT = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
            StandardCharsets.UTF_8);

    private SiteChangeLoop() {
    }

    /** {@code STATE SITE}. */
    public static void main(String[] args) throws Exception {
        KeyInventory inventory = new KeyInventory(new StateDirectory(Path.of(args[0])));
        String site = args[1];
        PlanService plans = new PlanService(inventory);
        StoredPlan plan = plans.load(site);
        Instant at = plan.written();
        Instant last = plan.history().lastChange();
        if (last != null && last.isAfter(at)) {
            at = last;
        }
        int turn = plan.version() + inventory.load(site).version();
        emit("READY");
        while (true) {
            at = at.plus(Duration.ofDays(62));
            String kind = KINDS.get(turn++ % KINDS.size());
            try {
                int planVersion = change(inventory, plans, site, kind, at);
                emit("ACK " + kind + " " + inventory.load(site).version() + " " + planVersion + " " + at + " .");
            } catch (RefusedStepException e) {
                emit("REFUSED " + kind + " " + e.getMessage());
            }
        }
    }

    /** Makes one change of {@code kind} at {@code at}; returns the plan version it wrote (0: none). */
    private static int change(KeyInventory inventory, PlanService plans, String site, String kind, Instant at)
            throws Exception {
        switch (kind) {
            case "rollover":
                return plans.rollover(site, null, at, false).plan().version();
            case "set":
                return plans.changeSettings(site, PlanEdit.none().reportUri("https://reports.crash.example/hpkp/"
                        + at.getEpochSecond()), at, false).stored().version();
            case "emergency": {
                // the oldest backup the plan allows to promote (one added since the last plan change is not served yet)
                RefusedStepException refused = null;
                for (KeyEntry backup : inventory.load(site).backups()) {
                    try {
                        plans.checkEmergency(site, backup.id(), null, at);
                    } catch (RefusedStepException e) {
                        refused = e;
                        continue;
                    }
                    return plans.emergency(site, backup.id(), null, at, false).plan().version();
                }
                throw refused;
            }
            default: {
                SiteInventory before = inventory.load(site);
                List<KeyEntry> backups = before.backups();
                if (backups.size() <= 3) {
                    inventory.update(site, "add backup", change -> change.generate(KeyRole.BACKUP, KeyAlgorithm.EC_P256, null));
                } else {
                    KeyEntry newest = backups.get(backups.size() - 1);
                    inventory.update(site, "retire backup", change -> change.retire(newest.id(), at));
                }
                return 0;
            }
        }
    }

    /** One whole line in one write: a kill never leaves half of it. */
    private static void emit(String line) throws IOException {
        OUT.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        OUT.flush();
    }
}
