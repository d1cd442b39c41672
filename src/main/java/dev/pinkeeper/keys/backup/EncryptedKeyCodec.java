package dev.pinkeeper.keys.backup;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.Provider;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfoBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.PrivateKeyFile;

/**
 * Encrypts private keys as PKCS#8 {@code EncryptedPrivateKeyInfo} with PBES2: PBKDF2-HMAC-SHA256
 * ({@value #ITERATIONS} iterations, 16-byte random salt) and AES-256-CBC.
 *
 * <p>Why PBKDF2 and not scrypt: a backup sheet must still be restorable in ten years on whatever
 * machine is at hand; every OpenSSL since 1.0 and every PKCS#8 library reads PBES2/PBKDF2
 * ({@code openssl pkcs8 -in key.pem}), while scrypt in PKCS#8 is rarer and OpenSSL's default scrypt
 * memory limit rejects strong parameters. The iteration count follows OWASP's 2023 advice for
 * PBKDF2-HMAC-SHA256; with a passphrase of at least {@value #MINIMUM_PASSPHRASE} characters the sheet
 * withstands offline guessing.
 */
public final class EncryptedKeyCodec {
    /** PBKDF2-HMAC-SHA256 iteration count. */
    public static final int ITERATIONS = 600_000;
    /** Shortest passphrase accepted for a new export. */
    public static final int MINIMUM_PASSPHRASE = 12;
    /** PEM type of the encrypted key. */
    public static final String PEM_TYPE = "ENCRYPTED PRIVATE KEY";

    private static final Provider PROVIDER = new BouncyCastleProvider();

    private EncryptedKeyCodec() {
    }

    /** The DER EncryptedPrivateKeyInfo of a key under a passphrase. */
    public static byte[] encrypt(PrivateKeyInfo key, char[] passphrase) throws InventoryException {
        if (passphrase.length < MINIMUM_PASSPHRASE) {
            throw new InventoryException("the passphrase is too short: use at least " + MINIMUM_PASSPHRASE
                    + " characters (a few random words)");
        }
        try {
            var encryptor = new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                    .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                    .setIterationCount(ITERATIONS)
                    .setProvider(PROVIDER)
                    .build(passphrase);
            return new PKCS8EncryptedPrivateKeyInfoBuilder(key).build(encryptor).getEncoded();
        } catch (OperatorCreationException | IOException | RuntimeException e) {
            throw new InventoryException("cannot encrypt the key: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts a DER EncryptedPrivateKeyInfo.
     *
     * @throws WrongPassphraseException if the passphrase does not decrypt it
     * @throws InventoryException       if it is not an encrypted PKCS#8 key
     */
    public static PrivateKeyInfo decrypt(byte[] der, char[] passphrase) throws InventoryException {
        PKCS8EncryptedPrivateKeyInfo encrypted;
        try {
            encrypted = new PKCS8EncryptedPrivateKeyInfo(der);
        } catch (IOException | RuntimeException e) {
            throw new InventoryException("not an encrypted PKCS#8 private key: " + e.getMessage(), e);
        }
        try {
            PrivateKeyInfo info = encrypted.decryptPrivateKeyInfo(
                    new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(PROVIDER).build(passphrase));
            PrivateKeyFile.pin(info); // a wrong passphrase may pass the padding check but not the parse
            return info;
        } catch (PKCSException | IOException | RuntimeException e) {
            throw new WrongPassphraseException("cannot decrypt the backup: wrong passphrase (or a damaged backup)", e);
        }
    }

    /** The PEM text ({@value #PEM_TYPE}) of an encrypted key. */
    public static byte[] pem(byte[] der) throws IOException {
        return PrivateKeyFile.pem(PEM_TYPE, der);
    }

    /** The DER inside an {@value #PEM_TYPE} PEM text. */
    public static byte[] fromPem(byte[] pem) throws InventoryException {
        try {
            PemObject object = new PemReader(new StringReader(new String(pem, StandardCharsets.US_ASCII))).readPemObject();
            if (object == null || !PEM_TYPE.equals(object.getType())) {
                throw new InventoryException("no '" + PEM_TYPE + "' PEM block");
            }
            return object.getContent();
        } catch (IOException | RuntimeException e) {
            throw new InventoryException("malformed PEM: " + e.getMessage(), e);
        }
    }
}
