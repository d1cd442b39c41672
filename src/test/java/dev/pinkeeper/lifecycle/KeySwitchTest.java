package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.PlanSettings;
import dev.pinkeeper.testing.FileSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key changes {@code issue --rollover} and {@code --emergency} make: asked first without changing
 * anything, so the certificate for the new key can be had before; then every current key with a next key
 * rolls over at once (an RSA and an EC key), where the second was refused as not after the first.
 */
class KeySwitchTest {
    static final Instant T0 = Instant.parse("2027-03-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void checksChangeNothingAndBothCurrentKeysRollOver() throws Exception {
        KeyInventory inventory = new KeyInventory(new StateDirectory(dir));
        inventory.create("dual", List.of("dual.example"), List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        PlanService plans = new PlanService(inventory);
        plans.init("dual", PlanSettings.DEFAULT, T0);
        KeySwitch keySwitch = new KeySwitch(inventory);
        Map<String, String> before = FileSnapshot.of(dir);
        // nothing recorded as served yet: refused, and nothing written
        assertThatThrownBy(() -> keySwitch.checkRollover("dual", T0.plusSeconds(1))).isInstanceOf(PlanException.class);
        assertThat(FileSnapshot.of(dir)).isEqualTo(before);
        plans.advance("dual", T0, false);
        plans.rampStep("dual", T0.plus(Duration.ofDays(7)));
        var site = inventory.load("dual");
        List<String> nextIds = site.current().stream().map(k -> site.nextFor(k.id()).orElseThrow().id()).toList();

        before = FileSnapshot.of(dir);
        Instant later = T0.plus(Duration.ofDays(9));
        assertThat(keySwitch.checkRollover("dual", later)).extracting(KeyEntry::id).containsExactlyInAnyOrderElementsOf(nextIds);
        assertThat(keySwitch.checkEmergency("dual", "backup-1", later).role().label()).isEqualTo("backup");
        assertThat(FileSnapshot.of(dir)).isEqualTo(before);

        List<KeyEntry> promoted = keySwitch.rollover("dual", later);

        assertThat(promoted).extracting(KeyEntry::id).containsExactlyInAnyOrderElementsOf(nextIds);
        assertThat(inventory.load("dual").current()).extracting(KeyEntry::id).containsExactlyInAnyOrderElementsOf(nextIds);
    }
}
