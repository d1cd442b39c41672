package dev.pinkeeper.plan;

import static dev.pinkeeper.plan.TestPins.pin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.pin.PkpHeader;

class PinPolicyTest {
    private static PinnedKey key(String name, KeyRole role, String algorithm) {
        return new PinnedKey(pin(name), role, algorithm);
    }

    private static final List<PinnedKey> KEYS = List.of(
            key("backup-ec", KeyRole.BACKUP, "EC"),
            key("current", KeyRole.CURRENT, "RSA"),
            key("backup-rsa", KeyRole.BACKUP, "RSA"),
            key("next", KeyRole.NEXT, "RSA"));

    @Test
    void pinSetIsCurrentThenNextThenBackups() {
        PinPolicy policy = PinPolicy.ofKeys(KEYS);

        assertThat(policy.pinSet()).containsExactly(pin("current"), pin("next"), pin("backup-ec"), pin("backup-rsa"));
        assertThat(policy.warnings()).isEmpty();
        PkpHeader header = policy.header(300);
        assertThat(header.reportOnly()).isFalse();
        assertThat(header.maxAge()).isEqualTo(300);
        assertThat(header.pins()).isEqualTo(policy.pinSet());
        assertThat(policy.reportOnlyHeader().reportOnly()).isTrue();
    }

    @Test
    void aPolicyNeedsACurrentAndABackupKey() {
        assertThatThrownBy(() -> PinPolicy.ofKeys(List.of(key("c", KeyRole.CURRENT, null))))
                .hasMessageContaining("backup");
        assertThatThrownBy(() -> PinPolicy.ofKeys(List.of(key("b", KeyRole.BACKUP, null))))
                .hasMessageContaining("current");
    }

    @Test
    void caPinsNeedTheExplicitFlagAndTwoCas() {
        List<CaPin> oneCa = List.of(new CaPin(pin("le-r3"), "Let's Encrypt"), new CaPin(pin("le-e1"), "Let's Encrypt"));
        List<CaPin> twoCas = List.of(new CaPin(pin("le-r3"), "Let's Encrypt"), new CaPin(pin("zs"), "ZeroSSL"));

        assertThatThrownBy(() -> new PinPolicy(KEYS, twoCas, false, Ramp.DEFAULT, false, null))
                .hasMessageContaining("explicitly");
        assertThatThrownBy(() -> new PinPolicy(KEYS, oneCa, true, Ramp.DEFAULT, false, null))
                .hasMessageContaining("two CAs");
        PinPolicy policy = new PinPolicy(KEYS, twoCas, true, Ramp.DEFAULT, false, null);
        assertThat(policy.pinSet()).endsWith(pin("le-r3"), pin("zs"));
        assertThat(policy.warnings()).anyMatch(w -> w.contains("CA pins"));
    }

    @Test
    void warnsAboutOneBackupOrOneAlgorithmOrNoNextKey() {
        PinPolicy oneBackup = PinPolicy.ofKeys(List.of(key("c", KeyRole.CURRENT, "RSA"), key("b", KeyRole.BACKUP, "RSA"),
                key("n", KeyRole.NEXT, "RSA")));
        PinPolicy sameAlgorithm = PinPolicy.ofKeys(List.of(key("c", KeyRole.CURRENT, "RSA"),
                key("b1", KeyRole.BACKUP, "RSA"), key("b2", KeyRole.BACKUP, "rsa")));

        assertThat(oneBackup.warnings()).singleElement().asString().contains("only one backup");
        assertThat(sameAlgorithm.warnings()).anyMatch(w -> w.contains("one RSA and one EC"))
                .anyMatch(w -> w.contains("no next key"));
    }

    @Test
    void duplicatePinsAreRefused() {
        assertThatThrownBy(() -> PinPolicy.ofKeys(List.of(key("c", KeyRole.CURRENT, null), key("c", KeyRole.BACKUP, null))))
                .hasMessageContaining("twice");
    }
}
