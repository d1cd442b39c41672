package dev.pinkeeper.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.keys.backup.EncryptedKeyCodec;
import dev.pinkeeper.keys.backup.OfflineBackup;

/**
 * A key declared compromised is retired, recorded as such in every later version, and refused by
 * every use: a role but retired, its private key, a restore; a current key must be replaced first.
 */
class CompromisedKeyTest {
    @TempDir
    Path dir;

    @Test
    void aCompromisedKeyIsRetiredRecordedAndNeverUsedAgain() throws Exception {
        KeyInventory inventory = new KeyInventory(new StateDirectory(dir.resolve("state")));
        SiteInventory site = inventory.create("example", List.of("example.com"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        KeyEntry current = site.current().get(0);
        KeyEntry backup = site.backups().get(0);
        Instant at = Instant.parse("2027-01-01T00:00:00Z");
        String passphrase = "correct horse battery staple";
        byte[] exported = EncryptedKeyCodec.encrypt(PrivateKeyInfo.getInstance(
                inventory.keyPair("example", backup).getPrivate().getEncoded()), passphrase.toCharArray());

        assertThatThrownBy(() -> inventory.update("example", "revoke", c -> c.compromise(current.id(), at)))
                .isInstanceOf(InventoryException.class).hasMessageContaining("promote a backup");
        SiteInventory after = inventory.update("example", "revoke", c -> c.compromise(backup.id(), at));

        KeyEntry compromised = after.byId(backup.id()).orElseThrow();
        assertThat(compromised.isCompromised()).isTrue();
        assertThat(compromised.role()).isEqualTo(KeyRole.RETIRED);
        assertThat(compromised.compromised()).isEqualTo(at);
        assertThat(after.pins()).doesNotContain(backup.pin());
        assertThat(inventory.load("example").byId(backup.id()).orElseThrow()).isEqualTo(compromised);
        assertThat(InventoryJson.toJson(compromised).path("compromised").asText()).isEqualTo(at.toString());
        assertThat(InventoryJson.toJson(current).has("compromised")).isFalse();

        assertThatThrownBy(() -> inventory.keyPair("example", compromised)).hasMessageContaining("compromised");
        assertThatThrownBy(() -> inventory.update("example", "promote",
                c -> c.setRole(backup.id(), KeyRole.BACKUP, null))).hasMessageContaining("compromised");
        assertThatThrownBy(() -> inventory.update("example", "emergency",
                c -> c.promoteBackup(backup.id(), current.id(), at))).hasMessageContaining("backup");
        assertThatThrownBy(() -> new OfflineBackup(inventory).restore("example", exported, passphrase.toCharArray()))
                .hasMessageContaining("compromised");
        assertThat(inventory.load("example").version()).isEqualTo(after.version());
    }
}
