package dev.pinkeeper.keys.backup;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.PrivateKeyFile;

/**
 * Encrypts private keys as PKCS#8 {@code EncryptedPrivateKeyInfo} with PBES2 (RFC 8018):
 * PBKDF2-HMAC-SHA256 ({@value #ITERATIONS} iterations, 16-byte random salt) and AES-256-CBC
 * (random IV), the structure {@code openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256} writes.
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

    /** Largest iteration count a backup may ask for when it is decrypted. */
    public static final int MAX_ITERATIONS = 10_000_000;

    private static final Provider PROVIDER = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<ASN1ObjectIdentifier, String> PRF_NAMES = Map.of(
            PKCSObjectIdentifiers.id_hmacWithSHA1, "PBKDF2WithHmacSHA1",
            PKCSObjectIdentifiers.id_hmacWithSHA256, "PBKDF2WithHmacSHA256",
            PKCSObjectIdentifiers.id_hmacWithSHA384, "PBKDF2WithHmacSHA384",
            PKCSObjectIdentifiers.id_hmacWithSHA512, "PBKDF2WithHmacSHA512");
    private static final Map<ASN1ObjectIdentifier, Integer> AES_CBC_KEY_LENGTHS = Map.of(
            NISTObjectIdentifiers.id_aes128_CBC, 16,
            NISTObjectIdentifiers.id_aes192_CBC, 24,
            NISTObjectIdentifiers.id_aes256_CBC, 32);

    private EncryptedKeyCodec() {
    }

    /** The DER EncryptedPrivateKeyInfo of a key under a passphrase. */
    public static byte[] encrypt(PrivateKeyInfo key, char[] passphrase) throws InventoryException {
        try {
            return seal(key.getEncoded("DER"), passphrase);
        } catch (IOException e) {
            throw new InventoryException("cannot encrypt the key: " + e.getMessage(), e);
        }
    }

    /**
     * Any bytes encrypted as a key is ({@code SEQUENCE {PBES2 AlgorithmIdentifier, OCTET STRING}}, the
     * shape of an EncryptedPrivateKeyInfo): what a site archive uses, so that one scheme protects both.
     */
    public static byte[] seal(byte[] plain, char[] passphrase) throws InventoryException {
        if (passphrase.length < MINIMUM_PASSPHRASE) {
            throw new InventoryException("the passphrase is too short: use at least " + MINIMUM_PASSPHRASE
                    + " characters (a few random words)");
        }
        try {
            byte[] salt = new byte[16];
            byte[] iv = new byte[16];
            RANDOM.nextBytes(salt);
            RANDOM.nextBytes(iv);
            AlgorithmIdentifier prf = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
            SecretKeySpec aesKey = deriveKey(passphrase, salt, ITERATIONS, 32, "PBKDF2WithHmacSHA256");
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, aesKey, new IvParameterSpec(iv));
            byte[] encrypted = cipher.doFinal(plain);
            PBES2Parameters parameters = new PBES2Parameters(
                    new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, new PBKDF2Params(salt, ITERATIONS, 32, prf)),
                    new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv)));
            return new EncryptedPrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, parameters),
                    encrypted).getEncoded("DER");
        } catch (GeneralSecurityException | IOException e) {
            throw new InventoryException("cannot encrypt: " + e.getMessage(), e);
        }
    }

    /**
     * The bytes {@link #seal} encrypted (PBES2 with PBKDF2-HMAC-SHA* and AES-CBC only).
     *
     * @throws WrongPassphraseException if the passphrase does not decrypt them
     * @throws InventoryException       if they are not bytes {@link #seal} wrote
     */
    public static byte[] open(byte[] der, char[] passphrase) throws InventoryException {
        EncryptedPrivateKeyInfo encrypted;
        try {
            encrypted = EncryptedPrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new InventoryException("not a passphrase-encrypted archive: " + e.getMessage(), e);
        }
        byte[] plain;
        try {
            plain = decryptPbes2(encrypted, passphrase);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new WrongPassphraseException("cannot decrypt: wrong passphrase (or a damaged file)", e);
        }
        if (plain == null) {
            throw new InventoryException("encrypted with a scheme other than PBES2/PBKDF2/AES-CBC");
        }
        return plain;
    }

    /**
     * Decrypts a DER EncryptedPrivateKeyInfo: PBES2 with PBKDF2 and AES-CBC directly (the JDK's
     * PBKDF2 is the fastest here), any other scheme through BouncyCastle.
     *
     * @throws WrongPassphraseException if the passphrase does not decrypt it
     * @throws InventoryException       if it is not an encrypted PKCS#8 key
     */
    public static PrivateKeyInfo decrypt(byte[] der, char[] passphrase) throws InventoryException {
        EncryptedPrivateKeyInfo encrypted;
        try {
            encrypted = EncryptedPrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new InventoryException("not an encrypted PKCS#8 private key: " + e.getMessage(), e);
        }
        try {
            byte[] plain = decryptPbes2(encrypted, passphrase);
            PrivateKeyInfo info = plain != null ? PrivateKeyInfo.getInstance(plain)
                    : new PKCS8EncryptedPrivateKeyInfo(encrypted).decryptPrivateKeyInfo(
                            new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(PROVIDER).build(passphrase));
            PrivateKeyFile.pin(info); // a wrong passphrase may pass the padding check but not the parse
            return info;
        } catch (InventoryException e) {
            throw e;
        } catch (PKCSException | GeneralSecurityException | IOException | RuntimeException e) {
            throw new WrongPassphraseException("cannot decrypt the backup: wrong passphrase (or a damaged backup)", e);
        }
    }

    /** PBES2 with PBKDF2-HMAC-SHA* and AES-CBC, or null for another scheme. */
    private static byte[] decryptPbes2(EncryptedPrivateKeyInfo encrypted, char[] passphrase)
            throws GeneralSecurityException, InventoryException {
        AlgorithmIdentifier algorithm = encrypted.getEncryptionAlgorithm();
        if (!PKCSObjectIdentifiers.id_PBES2.equals(algorithm.getAlgorithm())) {
            return null;
        }
        PBES2Parameters parameters = PBES2Parameters.getInstance(algorithm.getParameters());
        if (!PKCSObjectIdentifiers.id_PBKDF2.equals(parameters.getKeyDerivationFunc().getAlgorithm())) {
            return null;
        }
        PBKDF2Params kdf = PBKDF2Params.getInstance(parameters.getKeyDerivationFunc().getParameters());
        String prf = PRF_NAMES.get(kdf.getPrf().getAlgorithm());
        Integer keyLength = AES_CBC_KEY_LENGTHS.get(parameters.getEncryptionScheme().getAlgorithm());
        if (prf == null || keyLength == null) {
            return null;
        }
        int iterations = kdf.getIterationCount().intValueExact();
        if (iterations > MAX_ITERATIONS) {
            throw new InventoryException("the backup asks for " + iterations + " PBKDF2 iterations (more than "
                    + MAX_ITERATIONS + "): refused");
        }
        byte[] iv = ASN1OctetString.getInstance(parameters.getEncryptionScheme().getParameters()).getOctets();
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, deriveKey(passphrase, kdf.getSalt(), iterations, keyLength, prf),
                new IvParameterSpec(iv));
        return cipher.doFinal(encrypted.getEncryptedData());
    }

    private static SecretKeySpec deriveKey(char[] passphrase, byte[] salt, int iterations, int bytes, String algorithm)
            throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, bytes * 8);
        try {
            return new SecretKeySpec(SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded(), "AES");
        } finally {
            spec.clearPassword();
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
