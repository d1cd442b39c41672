package dev.pinkeeper.plan.site;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.HostTimeline;
import dev.pinkeeper.plan.PinPolicy;
import dev.pinkeeper.plan.PinnedKey;
import dev.pinkeeper.plan.Schedule;
import dev.pinkeeper.plan.ServedPeriod;

/**
 * The one place where the key inventory meets the plan: inventory keys become the policy's pinned
 * keys (same {@link dev.pinkeeper.keys.KeyRole}, retired keys left out), and the served history says
 * since when a key's pin has been published.
 */
public final class InventoryKeys {
    private InventoryKeys() {
    }

    /** The pin policy of a site: its current, next and backup keys with the plan's settings. */
    public static PinPolicy policy(SiteInventory inventory, PlanSettings settings) {
        List<PinnedKey> keys = inventory.pinned().stream().map(InventoryKeys::pinned).toList();
        return new PinPolicy(keys, settings.caPins(), settings.allowCaPins(), settings.ramp(),
                settings.includeSubDomains(), settings.reportUri());
    }

    /** An inventory key as the plan pins it. */
    public static PinnedKey pinned(KeyEntry key) {
        return new PinnedKey(key.pin(), key.role(), family(key.algorithm()));
    }

    /** The algorithm family the policy compares backups by: {@code RSA}, {@code EC}, {@code ED25519}. */
    static String family(KeyAlgorithm algorithm) {
        String label = algorithm.label();
        int colon = label.indexOf(':');
        return (colon < 0 ? label : label.substring(0, colon)).toUpperCase(Locale.ROOT);
    }

    /**
     * Since when every header served on {@code host} (without a break) has carried {@code pin}, up to
     * the last recorded interval; null when that interval lacks it or nothing was served.
     */
    public static Instant publishedSince(Schedule history, String host, Pin pin) {
        return since(history, host, served -> !served.headers().isEmpty()
                && served.headers().stream().allMatch(h -> h.pins(pin)));
    }

    /**
     * Since when {@code host} has served a chain whose leaf is {@code pin} (without a break), up to the
     * last recorded interval; null when that interval does not serve it or nothing was served.
     */
    public static Instant servedSince(Schedule history, String host, Pin pin) {
        return since(history, host, served -> served.chains().stream().anyMatch(c -> c.leaf().equals(pin)));
    }

    /** The start of the unbroken run of intervals up to the last one that all match {@code test}, or null. */
    private static Instant since(Schedule history, String host, Predicate<ServedPeriod> test) {
        List<ServedPeriod> intervals = history.timeline(host).map(HostTimeline::intervals).orElse(List.of());
        Instant since = null;
        for (int i = intervals.size() - 1; i >= 0; i--) {
            ServedPeriod served = intervals.get(i);
            boolean touching = i == intervals.size() - 1 || intervals.get(i).until().equals(intervals.get(i + 1).from());
            if (!test.test(served) || !touching) {
                break;
            }
            since = served.from();
        }
        return since;
    }
}
