package dev.pinkeeper.status;

import java.util.List;

import dev.pinkeeper.pin.Pin;

/**
 * The live release of a site and whether its server serves it.
 *
 * @param release   the live release's name (its UTC creation time)
 * @param target    the server the deploy settings name ({@code nginx}, {@code haproxy}, {@code apache},
 *                  {@code none}), or null when none is saved
 * @param leafPins  the keys the live release serves
 * @param follows   whether the server serves the live release, as probed; null when not probed (no probe
 *                  address is saved)
 * @param detail    one line: what the probe saw, or why it did not run
 */
public record DeploymentStatus(String release, String target, List<Pin> leafPins, Boolean follows, String detail) {
    public DeploymentStatus {
        leafPins = List.copyOf(leafPins);
    }
}
