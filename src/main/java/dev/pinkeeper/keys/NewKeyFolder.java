package dev.pinkeeper.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.site.SiteTransaction;

/**
 * The folder of a key a change adds ({@link InventoryChange#generate}, {@link InventoryChange#addRestored}): its
 * id, and the write staged in the site's transaction that makes it — a temporary 0700 folder holding
 * {@code private.pem} (0600), {@code public.pem} and {@code key.json}, fsynced, then renamed into place — before
 * the version that names the key becomes live.
 */
final class NewKeyFolder {
    /** The name of a new key's private key file. */
    static final String PRIVATE_FILE = KeyInventory.PRIVATE_KEY_PREFIX + ".pem";

    private NewKeyFolder() {
    }

    /** The id of a key made at {@code now}: its time, its algorithm and the start of its pin. */
    static String id(Instant now, KeyAlgorithm algorithm, Pin pin) {
        return KeyInventory.COMPACT_TIME.format(now) + "-" + algorithm.fileLabel() + "-"
                + HexFormat.of().formatHex(pin.digest(), 0, 4);
    }

    /** The write of key {@code id}'s folder in {@code layout}, to be staged in the site's transaction. */
    static SiteTransaction.Write write(SiteLayout layout, String id, KeyPair pair, KeyAlgorithm algorithm,
            KeyRole role, Instant created) {
        Path keysFolder = layout.keys();
        Path folder = layout.key(id);
        byte[] spki = pair.getPublic().getEncoded();
        ObjectNode record = InventoryJson.mapper().createObjectNode();
        record.put("id", id);
        record.put("site", layout.site());
        record.put("algorithm", algorithm.label());
        record.put("pin", Pin.ofSpki(spki).base64());
        record.put("created", created.toString());
        record.put("createdAs", role.label());
        return () -> writeFolder(keysFolder, folder, pair, record);
    }

    private static void writeFolder(Path keysFolder, Path folder, KeyPair pair, ObjectNode record) throws IOException {
        Path temporary = SafeFiles.temporarySibling(folder);
        try {
            SafeFiles.createPrivateDirectories(keysFolder);
            SafeFiles.createPrivateDirectory(temporary);
            SafeFiles.writeNew(temporary.resolve(PRIVATE_FILE),
                    PrivateKeyFile.pem(PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded())), SafeFiles.PRIVATE_FILE);
            SafeFiles.writeNew(temporary.resolve(SiteLayout.KEY_PUBLIC),
                    PrivateKeyFile.pem("PUBLIC KEY", pair.getPublic().getEncoded()), SafeFiles.PRIVATE_FILE);
            SafeFiles.writeNew(temporary.resolve(SiteLayout.KEY_RECORD), (InventoryJson.mapper()
                    .writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8), SafeFiles.PRIVATE_FILE);
            SafeFiles.fsyncDirectory(temporary);
            SafeFiles.moveNew(temporary, folder);
        } catch (IOException e) {
            throw new IOException(folder + ": cannot write the new key: " + e.getMessage(), e);
        }
    }
}
