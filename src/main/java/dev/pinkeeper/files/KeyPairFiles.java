package dev.pinkeeper.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.atomic.AtomicReference;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import dev.pinkeeper.read.KeyMaterialReader;
import dev.pinkeeper.read.MaterialKind;
import dev.pinkeeper.read.UnreadableInputException;

/** Reads an unencrypted PEM private key file (PKCS#8, PKCS#1 RSA or SEC1 EC), private to its user, as a key pair. */
public final class KeyPairFiles {
    private KeyPairFiles() {
    }

    /**
     * The key pair of the first private key in {@code file}; the public half is derived from it. The
     * file must be the user's own and private ({@link OwnerOnlyFiles#check}).
     *
     * @throws InsecureFileException when another user owns the file or others may use it
     * @throws IOException           naming the file when it holds no readable private key
     */
    public static KeyPair read(Path file) throws IOException {
        OwnerOnlyFiles.check(file);
        PrivateKey privateKey = null;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object object = parser.readObject(); object != null && privateKey == null;
                    object = parser.readObject()) {
                if (object instanceof PEMKeyPair pair) {
                    privateKey = converter.getPrivateKey(pair.getPrivateKeyInfo());
                } else if (object instanceof PrivateKeyInfo info) {
                    privateKey = converter.getPrivateKey(info);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a PEM private key (" + e.getMessage() + ")", e);
        }
        if (privateKey == null) {
            throw new IOException(file + ": no unencrypted private key found");
        }
        return new KeyPair(publicKeyOf(file, privateKey), privateKey);
    }

    private static PublicKey publicKeyOf(Path file, PrivateKey privateKey) throws IOException {
        AtomicReference<byte[]> spki = new AtomicReference<>();
        try (InputStream in = Files.newInputStream(file)) {
            new KeyMaterialReader(null).read(in, material -> {
                if (material.kind() == MaterialKind.PRIVATE_KEY && spki.get() == null) {
                    spki.set(material.spki());
                }
            });
        } catch (UnreadableInputException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        if (spki.get() == null) {
            throw new IOException(file + ": cannot derive the public key");
        }
        try {
            String algorithm = privateKey.getAlgorithm().equals("ECDSA") ? "EC" : privateKey.getAlgorithm();
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki.get()));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": unsupported key algorithm " + privateKey.getAlgorithm(), e);
        }
    }
}
