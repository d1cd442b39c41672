package dev.pinkeeper.keys.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyGenerator;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.PrivateKeyFile;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.Processes;
import dev.pinkeeper.testing.QrScanner;

/** Export, sheet and restore on one site whose backups are RSA 3072 and EC P-256 (generated once). */
class OfflineBackupTest {
    static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    static Path shared;
    static KeyInventory inventory;
    static OfflineBackup backups;

    @TempDir
    Path temp;

    @BeforeAll
    static void createSite() throws Exception {
        inventory = new KeyInventory(new StateDirectory(shared.resolve("state")));
        inventory.create("shop", List.of("shop.example", "www.shop.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.RSA_3072, KeyAlgorithm.EC_P256));
        backups = new OfflineBackup(inventory);
    }

    @Test
    void rsaBackupSheetCarriesTheEncryptedKeyInSeveralScannableQrCodes() throws Exception {
        KeyEntry rsa = inventory.load("shop").backups().get(0);
        ExportedBackup exported = backups.export("shop", "backup-1", temp.resolve("out"), PASSPHRASE, false);
        assertThat(exported.key()).isEqualTo(rsa);
        assertThat(exported.qrParts()).isGreaterThan(1);
        List<String> scanned = QrScanner.scan(exported.png());
        assertThat(scanned).hasSize(exported.qrParts());
        byte[] encrypted = OfflineBackup.fromFile(exported.encryptedKey());
        List<String> shuffled = new ArrayList<>(scanned);
        Collections.reverse(shuffled);
        assertThat(OfflineBackup.fromQrText(String.join("\r\n\n", shuffled))).isEqualTo(encrypted);
        PrivateKeyInfo decrypted = EncryptedKeyCodec.decrypt(encrypted, PASSPHRASE);
        assertThat(PrivateKeyFile.pin(decrypted)).isEqualTo(rsa.pin());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(exported.encryptedKey()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("out")))).isEqualTo("rwx------");
        try (PDDocument pdf = Loader.loadPDF(exported.pdf().toFile())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            assertThat(pdf.getDocumentInformation().getTitle()).contains(rsa.id());
        }
        assertThat(inventory.load("shop").byId(rsa.id()).orElseThrow().offline()).isFalse();

        // the sheet's OpenSSL-only restore steps work on the scanned texts
        Files.writeString(temp.resolve("backup.txt"), String.join("\n", shuffled) + "\n");
        Files.writeString(temp.resolve("pass"), new String(PASSPHRASE) + "\n");
        Processes.ok(temp, "sort backup.txt | cut -d: -f3 | tr -d '\\n' | base64 -d"
                + " | openssl pkcs8 -inform DER -passin file:pass -out key.pem");
        assertThat(Processes.opensslPin(temp.resolve("key.pem"), "private")).isEqualTo(rsa.pin().base64());
    }

    @Test
    void opensslDecryptsTheExportAndFindsThePinOfTheSheet() throws Exception {
        KeyEntry ec = inventory.load("shop").backups().get(1);
        ExportedBackup exported = backups.export("shop", ec.id(), temp, PASSPHRASE, false);
        Files.writeString(temp.resolve("pass"), new String(PASSPHRASE) + "\n");
        String header = Processes.ok(temp, "openssl asn1parse -in '" + exported.encryptedKey() + "' | head -20");
        assertThat(header).contains("PBES2").contains("PBKDF2").contains("aes-256-cbc").contains("hmacWithSHA256");
        Processes.ok(temp, "openssl pkcs8 -in '" + exported.encryptedKey() + "' -passin file:pass -out plain.pem");
        assertThat(Processes.opensslPin(temp.resolve("plain.pem"), "private")).isEqualTo(ec.pin().base64());
        assertThat(Processes.sh(temp, "openssl pkcs8 -in '" + exported.encryptedKey()
                + "' -passin pass:wrong-passphrase -out wrong.pem").code()).isNotZero();
    }

    @Test
    void offlineExportRemovesThePrivateHalfKeepsThePinAndRestoreBringsItBack() throws Exception {
        KeyInventory own = new KeyInventory(new StateDirectory(temp.resolve("state")));
        own.create("off", List.of("off.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        OfflineBackup offline = new OfflineBackup(own);
        SiteInventory before = own.load("off");
        KeyEntry backup = before.backups().get(1);
        Path privateFile = own.privateKeyFile("off", backup);

        ExportedBackup exported = offline.export("off", "backup-2", temp.resolve("usb"), PASSPHRASE, true);
        assertThat(exported.key().offline()).isTrue();
        assertThat(privateFile).doesNotExist();
        SiteInventory after = own.load("off");
        assertThat(after.pins()).isEqualTo(before.pins());
        assertThat(after.byId(backup.id()).orElseThrow().offline()).isTrue();
        assertThatThrownBy(() -> own.keyPair("off", after.byId(backup.id()).orElseThrow()))
                .hasMessageContaining("offline");
        assertThatThrownBy(() -> offline.export("off", backup.id(), temp.resolve("again"), PASSPHRASE, false))
                .hasMessageContaining("already offline");

        List<String> scanned = QrScanner.scan(exported.png());
        RestoredBackup restored = offline.restore("off", OfflineBackup.fromQrText(String.join("\n", scanned)), PASSPHRASE);
        assertThat(restored.alreadyPresent()).isFalse();
        assertThat(restored.key().offline()).isFalse();
        Path restoredFile = own.privateKeyFile("off", restored.key());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(restoredFile))).isEqualTo("rw-------");
        assertThat(Pin.ofSpki(own.keyPair("off", restored.key()).getPublic().getEncoded())).isEqualTo(backup.pin());
        assertThat(Processes.opensslPin(restoredFile, "private")).isEqualTo(backup.pin().base64());

        Map<String, String> snapshot = FileSnapshot.of(own.state().root());
        assertThat(offline.restore("off", OfflineBackup.fromFile(exported.encryptedKey()), PASSPHRASE).alreadyPresent())
                .isTrue();
        assertThat(FileSnapshot.of(own.state().root())).isEqualTo(snapshot);
    }

    @Test
    void restoresKeysThatOpensslEncrypted() throws Exception {
        KeyEntry ec = inventory.load("shop").backups().get(1);
        Path plain = inventory.privateKeyFile("shop", ec);
        Files.writeString(temp.resolve("pass"), "another long passphrase\n");
        for (String scheme : List.of("-v2 aes-256-cbc -v2prf hmacWithSHA256 -iter 2000", "-v2 aes-128-cbc", "-scrypt")) {
            Path out = temp.resolve("enc.pem");
            Files.deleteIfExists(out);
            Processes.ok(temp, "openssl pkcs8 -topk8 " + scheme + " -in '" + plain + "' -passout file:pass -out enc.pem");
            PrivateKeyInfo back = EncryptedKeyCodec.decrypt(OfflineBackup.fromFile(out),
                    "another long passphrase".toCharArray());
            assertThat(PrivateKeyFile.pin(back)).as(scheme).isEqualTo(ec.pin());
            assertThatThrownBy(() -> EncryptedKeyCodec.decrypt(OfflineBackup.fromFile(out), PASSPHRASE)).as(scheme)
                    .isInstanceOf(WrongPassphraseException.class);
        }
    }

    @Test
    void onlyBackupKeysGoOfflineAndExportsNeverOverwrite() throws Exception {
        assertThatThrownBy(() -> backups.export("shop", "current", temp, PASSPHRASE, true))
                .hasMessageContaining("only backup keys");
        backups.export("shop", "next", temp, PASSPHRASE, false);
        assertThatThrownBy(() -> backups.export("shop", "next", temp, PASSPHRASE, false))
                .hasMessageContaining("exists already");
        assertThatThrownBy(() -> backups.export("shop", "next", temp.resolve("x"), "short".toCharArray(), false))
                .hasMessageContaining("too short");
    }

    @Test
    void wrongPassphraseAndForeignKeysAreRefused() throws Exception {
        KeyEntry ec = inventory.load("shop").backups().get(1);
        PrivateKeyInfo key = PrivateKeyInfo.getInstance(inventory.keyPair("shop", ec).getPrivate().getEncoded());
        byte[] encrypted = EncryptedKeyCodec.encrypt(key, PASSPHRASE);
        assertThatThrownBy(() -> backups.restore("shop", encrypted, "not the passphrase".toCharArray()))
                .isInstanceOf(WrongPassphraseException.class);
        byte[] foreign = EncryptedKeyCodec.encrypt(PrivateKeyInfo.getInstance(
                KeyGenerator.generate(KeyAlgorithm.EC_P256).getPrivate().getEncoded()), PASSPHRASE);
        assertThatThrownBy(() -> backups.restore("shop", foreign, PASSPHRASE)).isInstanceOf(PinMismatchException.class)
                .hasMessageContaining("not a key of site shop");
    }

    @Test
    void qrPartsSayWhichPartIsMissing() throws Exception {
        byte[] data = new byte[2000];
        new java.util.Random(7).nextBytes(data);
        List<String> parts = QrParts.split(data);
        assertThat(parts).hasSize(4).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(QrParts.MAX_PIECE + 30));
        assertThat(QrParts.join(String.join(" ", parts))).isEqualTo(data);
        String withoutThird = String.join("\n", parts.get(0), parts.get(1), parts.get(3));
        assertThatThrownBy(() -> QrParts.join(withoutThird)).isInstanceOf(InventoryException.class)
                .hasMessage("part 3 of 4 is missing: scan it too");
        assertThatThrownBy(() -> QrParts.join("hello")).hasMessageContaining("no 'pinkeeper-backup:");
        assertThat(new String(QrParts.split(new byte[] {1, 2, 3}).get(0).getBytes(StandardCharsets.US_ASCII),
                StandardCharsets.US_ASCII)).isEqualTo("pinkeeper-backup:1/1:AQID");
    }
}
