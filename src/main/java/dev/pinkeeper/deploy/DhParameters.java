package dev.pinkeeper.deploy;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.DHParameter;
import org.bouncycastle.asn1.x9.DomainParameters;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import dev.pinkeeper.files.Pem;

/**
 * Finite-field Diffie-Hellman parameters for the HAProxy bundle ({@code haproxy.pem}: certificate, chain,
 * key, then a {@code DH PARAMETERS} block, which HAProxy uses for the DHE cipher suites instead of its
 * {@code tune.ssl.default-dh-param}). A site names an RFC 7919 group ({@code ffdhe2048}, {@code ffdhe3072},
 * {@code ffdhe4096}: the well-known safe primes, which need no generation and no trust in whoever made
 * them) or a PEM file ({@code openssl dhparam}, or {@code openssl genpkey -genparam -algorithm DH}).
 * Either must have a prime of at least {@value #MIN_BITS} bits.
 *
 * @param source   the group's name or the file the parameters were read from
 * @param prime    the prime modulus p
 * @param generator the generator g
 */
public record DhParameters(String source, BigInteger prime, BigInteger generator) {
    /** The smallest prime accepted: 1024-bit groups are within reach of precomputation (Logjam). */
    public static final int MIN_BITS = 2048;
    /** The setting value that means no DH parameters in the bundle. */
    public static final String NONE = "none";

    /** The RFC 7919 groups by name, made on first use (BouncyCastle builds every standard group at once). */
    private static final class Groups {
        static final Map<String, DHParameters> BY_NAME = Map.of(
                "ffdhe2048", DHStandardGroups.rfc7919_ffdhe2048,
                "ffdhe3072", DHStandardGroups.rfc7919_ffdhe3072,
                "ffdhe4096", DHStandardGroups.rfc7919_ffdhe4096);
    }

    public DhParameters {
        if (prime.bitLength() < MIN_BITS) {
            throw new IllegalArgumentException(source + ": a " + prime.bitLength() + "-bit DH prime is too weak (at least "
                    + MIN_BITS + " bits)");
        }
        if (generator.compareTo(BigInteger.ONE) <= 0 || generator.compareTo(prime.subtract(BigInteger.ONE)) >= 0) {
            throw new IllegalArgumentException(source + ": the DH generator is not between 1 and p-1");
        }
        // a Fermat test to base 2 (one modular exponentiation: a full primality test of a 4096-bit number takes
        // seconds) catches a damaged or made-up modulus; the parameters are the operator's own, not an attacker's
        if (!prime.testBit(0) || !BigInteger.TWO.modPow(prime.subtract(BigInteger.ONE), prime).equals(BigInteger.ONE)) {
            throw new IllegalArgumentException(source + ": the DH modulus is not a prime");
        }
    }

    /**
     * The parameters a site setting names: null for no setting or {@value #NONE}, an RFC 7919 group by its
     * name, else the PEM file at that path.
     *
     * @throws IOException              naming the file when it is unreadable
     * @throws IllegalArgumentException naming the setting when it holds no usable parameters
     */
    public static DhParameters of(String setting) throws IOException {
        if (setting == null || setting.equals(NONE)) {
            return null;
        }
        DHParameters group = Groups.BY_NAME.get(setting.toLowerCase(Locale.ROOT));
        if (group != null) {
            return new DhParameters(setting.toLowerCase(Locale.ROOT), group.getP(), group.getG());
        }
        return read(Path.of(setting));
    }

    /** Whether {@code setting} names a group ({@code ffdhe2048}, …) or {@value #NONE} rather than a file. */
    public static boolean isName(String setting) {
        return setting.equals(NONE) || Groups.BY_NAME.containsKey(setting.toLowerCase(Locale.ROOT));
    }

    /**
     * The one {@code DH PARAMETERS} (PKCS#3) or {@code X9.42 DH PARAMETERS} block of a PEM file.
     *
     * @throws IOException              naming the file when it is unreadable
     * @throws IllegalArgumentException naming the file when it holds anything else
     */
    public static DhParameters read(Path file) throws IOException {
        List<PemObject> blocks = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PemReader pem = new PemReader(reader)) {
            for (PemObject block = pem.readPemObject(); block != null; block = pem.readPemObject()) {
                blocks.add(block);
            }
        } catch (java.nio.charset.MalformedInputException | IllegalStateException e) {
            throw new IllegalArgumentException(file + ": not a PEM file of DH PARAMETERS");
        }
        if (blocks.size() != 1 || !blocks.get(0).getType().endsWith("DH PARAMETERS")) {
            throw new IllegalArgumentException(file + ": not a PEM file of DH PARAMETERS (it holds "
                    + (blocks.isEmpty() ? "no PEM block" : blocks.stream().map(PemObject::getType).toList()) + ")");
        }
        PemObject block = blocks.get(0);
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(block.getContent());
            if (block.getType().equals("X9.42 DH PARAMETERS")) {
                DomainParameters x942 = DomainParameters.getInstance(sequence);
                return new DhParameters(file.toString(), x942.getP(), x942.getG());
            }
            if (!block.getType().equals("DH PARAMETERS")) {
                throw new IllegalArgumentException("unknown type " + block.getType());
            }
            DHParameter pkcs3 = DHParameter.getInstance(sequence);
            return new DhParameters(file.toString(), pkcs3.getP(), pkcs3.getG());
        } catch (IllegalArgumentException | ClassCastException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new IllegalArgumentException(file + ": unreadable DH PARAMETERS (" + e.getMessage() + ")", e);
        }
    }

    /** The size of the prime in bits. */
    public int bits() {
        return prime.bitLength();
    }

    /** The PKCS#3 {@code DH PARAMETERS} PEM block, as {@code openssl dhparam} writes it. */
    public String pem() {
        try {
            return Pem.block("DH PARAMETERS", new DHParameter(prime, generator, 0).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("DH parameters cannot be encoded", e);
        }
    }
}
