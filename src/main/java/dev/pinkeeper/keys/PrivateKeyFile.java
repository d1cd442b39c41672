package dev.pinkeeper.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.atomic.AtomicReference;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

import dev.pinkeeper.files.InsecureFileException;
import dev.pinkeeper.files.OwnerOnlyFiles;
import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.read.KeyMaterial;
import dev.pinkeeper.read.KeyMaterialReader;
import dev.pinkeeper.read.UnreadableInputException;

/**
 * Private keys on disk: unencrypted PKCS#8 PEM ({@code PRIVATE KEY}), 0600 in a 0700 folder. Reading
 * refuses a file or folder that group or others can access or another user owns, and checks the key
 * against its pin.
 */
public final class PrivateKeyFile {
    private PrivateKeyFile() {
    }

    /** The PKCS#8 PEM text of a private key. */
    public static byte[] pem(PrivateKeyInfo key) throws IOException {
        return pem("PRIVATE KEY", key.getEncoded("DER"));
    }

    /** One PEM block. */
    public static byte[] pem(String type, byte[] der) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes a new private key file (0600; never replaces a file) durably. */
    public static void write(Path file, PrivateKeyInfo key) throws IOException {
        SafeFiles.writeNewAtomically(file, pem(key));
    }

    /**
     * Refuses a private key file, or its folder, that group or others can access, or that another user
     * owns ({@link OwnerOnlyFiles#checkWithFolder}).
     *
     * @throws InsecureKeyFileException with the chmod or chown that fixes it
     */
    public static void checkPermissions(Path file) throws InventoryException {
        try {
            OwnerOnlyFiles.checkWithFolder(file);
        } catch (InsecureFileException e) {
            throw new InsecureKeyFileException(e);
        } catch (NoSuchFileException e) {
            throw new InventoryException(file + ": private key file is missing", e);
        } catch (IOException e) {
            throw new InventoryException(file + ": cannot read the permissions: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a private key after checking its permissions, and checks that its public key has the
     * expected pin.
     *
     * @param expected the pin the inventory records, or null to skip that check
     */
    public static KeyPair read(Path file, Pin expected) throws InventoryException {
        checkPermissions(file);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InventoryException(file + ": cannot read the private key: " + e.getMessage(), e);
        }
        try {
            PemObject object = new PemReader(new StringReader(new String(content, StandardCharsets.US_ASCII)))
                    .readPemObject();
            if (object == null || !"PRIVATE KEY".equals(object.getType())) {
                throw new InventoryException(file + ": not a PKCS#8 PEM private key");
            }
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(object.getContent());
            return keyPair(info, expected, file.toString());
        } catch (IOException | RuntimeException e) {
            throw new InventoryException(file + ": unreadable private key: " + e.getMessage(), e);
        }
    }

    /**
     * The key pair of a PKCS#8 private key, with the public key derived from it.
     *
     * @param expected the pin the public key must have, or null
     * @param name     what to call the key in error messages
     */
    public static KeyPair keyPair(PrivateKeyInfo info, Pin expected, String name) throws InventoryException {
        try {
            KeyMaterial material = material(info);
            if (expected != null && !material.pin().equals(expected)) {
                throw new InventoryException(name + ": the private key's pin " + material.pin()
                        + " differs from the inventory's " + expected);
            }
            String algorithm = algorithmName(info);
            KeyFactory factory = KeyFactory.getInstance(algorithm);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded("DER")));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(material.spki()));
            return new KeyPair(publicKey, privateKey);
        } catch (IOException | GeneralSecurityException e) {
            throw new InventoryException(name + ": unusable private key: " + e.getMessage(), e);
        }
    }

    /** The pin of the public half of a PKCS#8 private key. */
    public static Pin pin(PrivateKeyInfo info) throws IOException {
        return material(info).pin();
    }

    private static KeyMaterial material(PrivateKeyInfo info) throws IOException {
        AtomicReference<KeyMaterial> found = new AtomicReference<>();
        try {
            new KeyMaterialReader(null).read(new ByteArrayInputStream(info.getEncoded("DER")), found::set);
        } catch (UnreadableInputException e) {
            throw new IOException(e.getMessage(), e);
        }
        return found.get();
    }

    private static String algorithmName(PrivateKeyInfo info) throws IOException {
        String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
        return switch (oid) {
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.2.840.10045.2.1" -> "EC";
            case "1.3.101.112" -> "Ed25519";
            default -> throw new IOException("unsupported private key algorithm " + oid);
        };
    }
}
