package dev.pinkeeper.plan;

import java.time.Instant;
import java.util.List;

/**
 * The rollover gate's answer: may this key become the served key now?
 *
 * @param safe          whether switching now locks nobody out (margin included)
 * @param safeFrom      from when it is safe: if {@code pinPublished}, as things are; otherwise the
 *                      earliest instant if the pin is published now (null when already safe)
 * @param pinPublished  whether the header served now already pins the key
 * @param blockers      the noted headers that lacked the key's pin and are still cached
 * @param message       one paragraph for the operator: when unsafe, until when and which cached header is why
 */
public record GateDecision(boolean safe, Instant safeFrom, boolean pinPublished, List<CachedHeader> blockers,
                           String message) {
    public GateDecision {
        blockers = List.copyOf(blockers);
    }
}
