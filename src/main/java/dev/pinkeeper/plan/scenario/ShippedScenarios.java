package dev.pinkeeper.plan.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The scenarios pinkeeper ships (also copied to {@code scenarios/} at the repository root): real
 * pinning failures the simulator must flag, and safe plans it must pass.
 */
public final class ShippedScenarios {
    /** Names of the shipped scenarios (file names without {@code .json}). */
    public static final List<String> NAMES = List.of(
            "smashing-magazine-2016",
            "intermediate-only-pin",
            "lost-key-no-backup",
            "subdomain-unpinned-key",
            "rsa-ec-one-pinned",
            "proper-90-day-rollover",
            "emergency-backup-promotion");

    private ShippedScenarios() {
    }

    /** Reads the shipped scenario {@code name}. */
    public static Scenario load(String name) throws ScenarioException {
        if (!NAMES.contains(name)) {
            throw new ScenarioException("no shipped scenario named " + name + " (there are: "
                    + String.join(", ", NAMES) + ")");
        }
        String resource = "/dev/pinkeeper/plan/scenarios/" + name + ".json";
        try (InputStream in = ShippedScenarios.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ScenarioException("shipped scenario missing from the jar: " + resource);
            }
            return new ScenarioReader().read(in, name);
        } catch (IOException e) {
            throw new ScenarioException("cannot read shipped scenario " + name + ": " + e.getMessage(), e);
        }
    }
}
