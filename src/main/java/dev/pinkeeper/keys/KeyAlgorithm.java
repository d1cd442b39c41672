package dev.pinkeeper.keys;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The key types pinkeeper generates, named on the command line as {@code rsa:2048}, {@code rsa:3072},
 * {@code rsa:4096}, {@code ec:p256}, {@code ec:p384} or {@code ed25519}.
 *
 * <p>ACME CAs issue certificates for RSA and ECDSA keys only: an Ed25519 key can be pinned and kept,
 * but no public CA will certify it today ({@link #acmeIssuable()}).
 */
public enum KeyAlgorithm {
    RSA_2048("rsa:2048", "RSA", 2048, null, "SHA256withRSA"),
    RSA_3072("rsa:3072", "RSA", 3072, null, "SHA256withRSA"),
    RSA_4096("rsa:4096", "RSA", 4096, null, "SHA256withRSA"),
    EC_P256("ec:p256", "EC", 256, "secp256r1", "SHA256withECDSA"),
    EC_P384("ec:p384", "EC", 384, "secp384r1", "SHA384withECDSA"),
    ED25519("ed25519", "Ed25519", 255, null, "Ed25519");

    private final String label;
    private final String jcaName;
    private final int bits;
    private final String curve;
    private final String signatureAlgorithm;

    KeyAlgorithm(String label, String jcaName, int bits, String curve, String signatureAlgorithm) {
        this.label = label;
        this.jcaName = jcaName;
        this.bits = bits;
        this.curve = curve;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /**
     * Parses a command-line name such as {@code ec:p256} (case-insensitive; {@code rsa} alone is
     * {@code rsa:3072}, {@code ec} alone is {@code ec:p256}).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static KeyAlgorithm parse(String text) {
        String value = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (value.equals("rsa")) {
            return RSA_3072;
        }
        if (value.equals("ec")) {
            return EC_P256;
        }
        for (KeyAlgorithm algorithm : values()) {
            if (algorithm.label.equals(value) || algorithm.label.replace(":", "-").equals(value)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown key algorithm '" + text + "' (use one of "
                + Arrays.stream(values()).map(KeyAlgorithm::label).collect(Collectors.joining(", ")) + ")");
    }

    /**
     * The algorithm of a public key.
     *
     * @throws InventoryException if it is none of the key types pinkeeper keeps
     */
    public static KeyAlgorithm of(java.security.PublicKey key) throws InventoryException {
        int bits = -1;
        if (key instanceof java.security.interfaces.RSAPublicKey rsa) {
            bits = rsa.getModulus().bitLength();
        } else if (key instanceof java.security.interfaces.ECPublicKey ec) {
            bits = ec.getParams().getCurve().getField().getFieldSize();
        } else if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
            return ED25519;
        }
        for (KeyAlgorithm algorithm : values()) {
            if (algorithm.jcaName.equals(key.getAlgorithm()) && algorithm.bits == bits) {
                return algorithm;
            }
        }
        throw new InventoryException("a " + key.getAlgorithm() + " key of " + bits + " bits is none of the key types"
                + " pinkeeper keeps");
    }

    /** The command-line name, e.g. {@code ec:p256}. */
    public String label() {
        return label;
    }

    /** The name as used in file and key ids, e.g. {@code ec-p256}. */
    public String fileLabel() {
        return label.replace(':', '-');
    }

    /** The JCA KeyPairGenerator / KeyFactory algorithm name. */
    public String jcaName() {
        return jcaName;
    }

    /** The key size in bits (the curve size for EC). */
    public int bits() {
        return bits;
    }

    /** The JCA curve name for EC keys, else null. */
    public String curve() {
        return curve;
    }

    /** The signature algorithm used to sign this key's CSRs. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The key family: {@code RSA}, {@code EC} or {@code Ed25519}. */
    public String family() {
        return jcaName;
    }

    /** Whether ACME CAs (Let's Encrypt and the others) issue certificates for this key type. */
    public boolean acmeIssuable() {
        return this != ED25519;
    }
}
