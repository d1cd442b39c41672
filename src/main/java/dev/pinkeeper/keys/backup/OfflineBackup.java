package dev.pinkeeper.keys.backup;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.PrivateKeyFile;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.pin.Pin;

/**
 * Exports a key as an encrypted file and a printable sheet, optionally removing its private half from
 * this machine, and restores it from the file or the scanned QR codes.
 *
 * <pre>{@code
 * OfflineBackup backups = new OfflineBackup(inventory);
 * backups.export("example", "backup-1", Path.of("/media/usb"), passphrase, true);
 * backups.restore("example", OfflineBackup.fromQrText(scanned), passphrase);
 * }</pre>
 */
public final class OfflineBackup {
    private final KeyInventory inventory;
    private final Clock clock;

    public OfflineBackup(KeyInventory inventory) {
        this(inventory, Clock.systemUTC());
    }

    public OfflineBackup(KeyInventory inventory, Clock clock) {
        this.inventory = inventory;
        this.clock = clock;
    }

    /**
     * Writes {@code SITE-ID.key.pem} (encrypted PKCS#8), {@code SITE-ID.sheet.png} and
     * {@code SITE-ID.sheet.pdf} into {@code folder} (created 0700 if absent; existing files are never
     * replaced). Every QR code is decoded back before the sheet is written, and the written key file is
     * read and decrypted back before the key may go offline. With {@code takeOffline} (backup keys only) the private key is then removed from the
     * inventory; its pin stays pinned.
     */
    public ExportedBackup export(String site, String keyReference, Path folder, char[] passphrase, boolean takeOffline)
            throws InventoryException {
        SiteInventory inventoryVersion = inventory.load(site);
        KeyEntry key = inventoryVersion.find(keyReference);
        if (key.offline()) {
            throw new InventoryException("key " + key.id() + " of site " + site
                    + " is already offline: its exported backup is the copy to use");
        }
        if (takeOffline && key.role() != KeyRole.BACKUP) {
            throw new InventoryException("key " + key.id() + " is a " + key.role().label()
                    + " key: only backup keys can be taken offline (the server needs the others)");
        }
        String base = site + "-" + key.id();
        Path keyFile = folder.resolve(base + ".key.pem");
        Path png = folder.resolve(base + ".sheet.png");
        Path pdf = folder.resolve(base + ".sheet.pdf");
        for (Path file : List.of(keyFile, png, pdf)) {
            if (Files.exists(file)) {
                throw new InventoryException(file + ": exists already; choose another --out folder");
            }
        }
        PrivateKeyInfo privateKey = PrivateKeyInfo.getInstance(inventory.keyPair(site, key).getPrivate().getEncoded());
        byte[] encrypted = EncryptedKeyCodec.encrypt(privateKey, passphrase);
        List<String> texts = QrParts.split(encrypted);
        if (!Arrays.equals(QrParts.join(String.join("\n", texts)), encrypted)) {
            throw new IllegalStateException("the QR texts do not join back to the encrypted key");
        }
        SheetContent content = new SheetContent(site, inventoryVersion.domains(), key.id(), key.algorithm().label(),
                key.pin().base64(), key.created(), clock.instant(), texts);
        BufferedImage sheet = BackupSheet.render(content);
        try {
            SafeFiles.createPrivateDirectories(folder);
            SafeFiles.writeNewAtomically(keyFile, EncryptedKeyCodec.pem(encrypted));
            SafeFiles.writeNewAtomically(png, BackupSheet.png(sheet));
            SafeFiles.writeNewAtomically(pdf, BackupSheet.pdf(sheet, content));
        } catch (FileAlreadyExistsException e) {
            throw new InventoryException(e.getFile() + ": exists already; choose another --out folder", e);
        } catch (IOException e) {
            throw new InventoryException(folder + ": cannot write the backup: " + e.getMessage(), e);
        }
        try {
            checkRoundTrip(EncryptedKeyCodec.fromPem(Files.readAllBytes(keyFile)), passphrase, key.pin());
        } catch (IOException e) {
            throw new InventoryException(keyFile + ": cannot read back the backup: " + e.getMessage(), e);
        }
        KeyEntry result = key;
        if (takeOffline) {
            SiteInventory after = inventory.update(site, "backup export --offline " + key.id(),
                    change -> change.takeOffline(key.id()));
            result = after.byId(key.id()).orElseThrow();
        }
        return new ExportedBackup(result, keyFile, png, pdf, texts.size());
    }

    /**
     * Decrypts a backup, checks that its pin is one of the site's keys, and stores the private key
     * again if that key is offline.
     *
     * @param encrypted the DER EncryptedPrivateKeyInfo ({@link #fromFile}, {@link #fromQrText})
     * @throws WrongPassphraseException if the passphrase is wrong
     * @throws PinMismatchException    if the key is not one of the site's keys
     */
    public RestoredBackup restore(String site, byte[] encrypted, char[] passphrase) throws InventoryException {
        SiteInventory live = inventory.load(site);
        PrivateKeyInfo privateKey = EncryptedKeyCodec.decrypt(encrypted, passphrase);
        Pin pin;
        try {
            pin = PrivateKeyFile.pin(privateKey);
        } catch (IOException e) {
            throw new InventoryException("the decrypted key is unusable: " + e.getMessage(), e);
        }
        KeyEntry key = live.byPin(pin).orElseThrow(() -> new PinMismatchException("the backup's key (pin " + pin
                + ") is not a key of site " + site + ": nothing restored"));
        key.requireUsable();
        if (!key.offline()) {
            return new RestoredBackup(key, true);
        }
        SiteInventory after = inventory.update(site, "backup restore " + key.id(),
                change -> change.restorePrivateKey(key.id(), privateKey));
        return new RestoredBackup(after.byId(key.id()).orElseThrow(), false);
    }

    /** The encrypted key in a {@code .key.pem} file written by {@link #export}. */
    public static byte[] fromFile(Path file) throws InventoryException {
        try {
            return EncryptedKeyCodec.fromPem(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InventoryException(file + ": cannot read: " + e.getMessage(), e);
        } catch (InventoryException e) {
            throw new InventoryException(file + ": " + e.getMessage(), e);
        }
    }

    /** The encrypted key in the texts scanned from a sheet's QR codes. */
    public static byte[] fromQrText(String scanned) throws InventoryException {
        return QrParts.join(scanned);
    }

    private static void checkRoundTrip(byte[] encrypted, char[] passphrase, Pin expected) throws InventoryException {
        PrivateKeyInfo back = EncryptedKeyCodec.decrypt(encrypted, passphrase);
        try {
            if (PrivateKeyFile.pin(back).equals(expected)) {
                return;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new InventoryException("the written backup does not decrypt back to the key: nothing taken offline");
    }
}
