package dev.pinkeeper.lifecycle;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.pinkeeper.deploy.Release;
import dev.pinkeeper.deploy.ReleaseStore;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.site.PlanView;
import dev.pinkeeper.site.SiteLayout;

/** What only a renewal's deployment carries out: the plan's changes not yet served, a retired key still served. */
final class PendingDeployment {
    private PendingDeployment() {
    }

    /**
     * What the plan serves now and the recorded history does not yet (after something was served): a pin to
     * publish (a key added later), a held-back current key whose chain may now be served. Empty when the
     * plan's headers and keys are the ones served.
     */
    static List<String> planChanges(PlanView view) {
        if (view.servedHeaders().isEmpty() || view.upToDate()) {
            return List.of();
        }
        List<String> changes = new ArrayList<>();
        Set<Pin> serving = PlanView.leaves(view.servedChains());
        Set<Pin> toServe = PlanView.leaves(view.chains());
        for (KeyEntry key : view.inventory().current()) {
            if (toServe.contains(key.pin()) && !serving.contains(key.pin())) {
                changes.add("serves current key " + key.id() + " from now");
            }
        }
        Set<Pin> published = new HashSet<>();
        view.servedHeaders().forEach(h -> published.addAll(h.pins()));
        for (KeyEntry key : view.inventory().pinned()) {
            if (!published.contains(key.pin())) {
                changes.add("publishes the pin of " + key.role().label() + " key " + key.id());
            }
        }
        if (changes.isEmpty()) {
            changes.add("the plan's headers differ from the ones served: deploying them");
        }
        return changes;
    }

    /**
     * Whether the live release serves a leaf whose key is not a current key of the site: the plan moved on
     * (a rollover recorded before its deployment) but that deployment failed and the old release was put back.
     */
    static boolean servesRetiredKey(SiteLayout paths, SiteInventory keys) throws java.io.IOException {
        Optional<Release> live = new ReleaseStore(paths).live();
        if (live.isEmpty() || !Files.isDirectory(live.get().directory())) {
            return false;
        }
        Set<Pin> current = keys.current().stream().map(KeyEntry::pin).collect(Collectors.toSet());
        return !current.containsAll(live.get().leafPins());
    }
}
