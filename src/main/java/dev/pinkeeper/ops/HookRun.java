package dev.pinkeeper.ops;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.lifecycle.ChangeGate;
import dev.pinkeeper.lifecycle.LifecycleEvent;
import dev.pinkeeper.lifecycle.LifecycleLog;

/**
 * One run's hooks over a state directory ({@code issue}, {@code renew}, {@code site recover}): the gate that
 * runs the pre-hooks before the first change ({@link HookedRenewal}), the log that notes each site whose
 * release went live, and {@link #finish}: the deploy-hooks of those sites with their live release, then the
 * post-hooks.
 */
public final class HookRun {
    private final HookedRenewal hooked;
    private final KeyInventory inventory;
    private final Set<String> deployed = new LinkedHashSet<>();
    private final LifecycleLog log;

    /** The run of {@code hooks} for the sites of {@code inventory}, each event passed on to {@code log}. */
    public HookRun(Hooks hooks, KeyInventory inventory, LifecycleLog log) {
        this.hooked = new HookedRenewal(hooks, log);
        this.inventory = inventory;
        this.log = event -> {
            if (event.action() == LifecycleEvent.Action.DEPLOYED || event.action() == LifecycleEvent.Action.READY) {
                synchronized (deployed) {
                    deployed.add(event.site());
                }
            }
            log.record(event);
        };
    }

    /** The log to give the library: the run's log, noting each site whose release went live. */
    public LifecycleLog log() {
        return log;
    }

    /** The gate that runs the pre-hooks before the first change. */
    public ChangeGate gate() {
        return hooked;
    }

    /**
     * Runs the deploy-hooks of each site deployed, then the post-hooks (whenever the pre-hooks ran, whatever
     * happened since).
     *
     * @return whether every hook that ran succeeded
     * @throws InventoryException when a deployed site's keys cannot be read (the post-hooks still run)
     */
    public boolean finish() throws InventoryException {
        try {
            List<String> sites;
            synchronized (deployed) {
                sites = List.copyOf(deployed);
            }
            for (String site : sites) {
                Path live = inventory.layout(site).releaseStore().live();
                hooked.deployed(site, live, inventory.load(site).domains());
            }
        } finally {
            hooked.finish();
        }
        return !hooked.failed();
    }
}
