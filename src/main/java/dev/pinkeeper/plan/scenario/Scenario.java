package dev.pinkeeper.plan.scenario;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.UserAgent;
import dev.pinkeeper.plan.Schedule;

/**
 * A named schedule to simulate, as read from a scenario file.
 *
 * @param name          short name
 * @param description   what it replays, or null
 * @param expectLockout what the author expects (true: must be flagged, false: must pass), or null
 * @param userAgent     whose max-age cap applies ({@link UserAgent#RFC}: none)
 * @param now           the reference instant for "when is it safe" questions, or null
 * @param pins          the pin aliases the file defines (name → pin)
 * @param schedule      what each host served
 */
public record Scenario(String name, String description, Boolean expectLockout, UserAgent userAgent, Instant now,
                       Map<String, Pin> pins, Schedule schedule) {
    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(schedule, "schedule");
        pins = Map.copyOf(pins);
    }

    /** A pin by alias or as base64 (any form {@link Pin#parse} accepts). */
    public Pin pin(String aliasOrValue) {
        Pin pin = pins.get(aliasOrValue);
        return pin != null ? pin : Pin.parse(aliasOrValue);
    }

    /** The alias of {@code pin} in this scenario, or its base64 when it has none. */
    public String nameOf(Pin pin) {
        return pins.entrySet().stream().filter(e -> e.getValue().equals(pin)).map(Map.Entry::getKey)
                .sorted().findFirst().orElse(pin.base64());
    }
}
