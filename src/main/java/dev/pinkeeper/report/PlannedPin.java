package dev.pinkeeper.report;

import dev.pinkeeper.pin.Pin;

/**
 * A pin of the site's plan and the part it plays.
 *
 * @param pin   the SPKI pin
 * @param role  e.g. {@code current}, {@code next}, {@code backup}, {@code retired}
 * @param label a human name for the key, or null
 */
public record PlannedPin(Pin pin, String role, String label) {
}
