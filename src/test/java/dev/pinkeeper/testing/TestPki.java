package dev.pinkeeper.testing;

import dev.pinkeeper.pin.Pin;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import dev.pinkeeper.pin.Pin;

/**
 * Real certificate hierarchies for tests: a root, intermediates and leaves with chosen validity
 * windows and subject alternative names, signed with fresh EC P-256 keys.
 *
 * <pre>{@code
 * TestPki.Cert root = TestPki.root("Test Root");
 * TestPki.Cert ca = TestPki.intermediate("Test CA", root);
 * TestPki.Cert leaf = TestPki.leaf(ca, "www.example.test");
 * Path chain = TestPki.writePem(dir.resolve("chain.pem"), leaf, ca);
 * }</pre>
 */
public final class TestPki {
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {
    }

    /** A certificate and the key pair of its subject. */
    public record Cert(X509Certificate certificate, KeyPair keyPair) {
        /** The SPKI pin of the certificate's public key. */
        public Pin pin() {
            return Pin.ofSpki(certificate.getPublicKey().getEncoded());
        }

        /** The subject in RFC 2253 form. */
        public String subject() {
            return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        }

        /** The certificate as one PEM block. */
        public String pem() {
            return TestPki.pem(certificate);
        }
    }

    /** Starts a certificate description; {@link Builder#issue()} signs it. */
    public static Builder builder(String commonName) {
        return new Builder(commonName);
    }

    /** A self-signed root CA, valid from a year ago for ten years. */
    public static Cert root(String commonName) {
        return builder(commonName).ca().issue();
    }

    /** An intermediate CA signed by {@code issuer}, valid from a year ago for five years. */
    public static Cert intermediate(String commonName, Cert issuer) {
        return builder(commonName).ca().issuer(issuer).validUntil(Instant.now().plus(Duration.ofDays(4 * 365))).issue();
    }

    /** A TLS server certificate for {@code dnsNames} (the first is also the CN), valid 90 days from yesterday. */
    public static Cert leaf(Cert issuer, String... dnsNames) {
        Instant now = Instant.now();
        return builder(dnsNames[0]).issuer(issuer).dns(dnsNames)
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(89))).issue();
    }

    /** PEM text of the certificates, in order. */
    public static String pem(X509Certificate... certificates) {
        StringBuilder text = new StringBuilder();
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (X509Certificate certificate : certificates) {
            try {
                text.append("-----BEGIN CERTIFICATE-----\n")
                        .append(base64.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return text.toString();
    }

    /** Writes the certificates to {@code file} as PEM, in the order given, and returns the file. */
    public static Path writePem(Path file, Cert... certs) {
        X509Certificate[] certificates = new X509Certificate[certs.length];
        for (int i = 0; i < certs.length; i++) {
            certificates[i] = certs[i].certificate();
        }
        try {
            return Files.writeString(file, pem(certificates));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A chain and its key in files, as another ACME client leaves them. */
    public record ChainFiles(Path fullchain, Path privkey) {
    }

    /**
     * Writes {@code fullchain.pem} (a leaf for {@code host}, then a fresh root named {@code caName}) and
     * {@code privkey.pem} (0600) into {@code dir}.
     */
    public static ChainFiles writeChainFiles(Path dir, String caName, String host) {
        Cert ca = root(caName);
        Cert leaf = leaf(ca, host);
        return new ChainFiles(writePem(dir.resolve("fullchain.pem"), leaf, ca),
                writePrivateKey(dir.resolve("privkey.pem"), leaf.keyPair().getPrivate()));
    }

    /** Writes {@code key} as a PKCS#8 PEM file 0600 (as a key file must be) and returns the file. */
    public static Path writePrivateKey(Path file, PrivateKey key) {
        try {
            Files.writeString(file, pkcs8Pem(key));
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh EC P-256 key pair. */
    public static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What to put in one certificate. */
    public static final class Builder {
        private final String commonName;
        private Cert issuer;
        private KeyPair keyPair;
        private boolean ca;
        private Instant notBefore = Instant.now().minus(Duration.ofDays(365));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(9 * 365));
        private final List<String> dnsNames = new ArrayList<>();
        private boolean serverAuth = true;

        private Builder(String commonName) {
            this.commonName = commonName;
        }

        /** Signed by {@code issuer} (default: self-signed). */
        public Builder issuer(Cert issuer) {
            this.issuer = issuer;
            return this;
        }

        /** Uses this key pair for the subject (default: a fresh one), e.g. to re-issue a CA's key. */
        public Builder keyPair(KeyPair keyPair) {
            this.keyPair = keyPair;
            return this;
        }

        /** Makes it a CA (basicConstraints CA:true, keyCertSign). */
        public Builder ca() {
            this.ca = true;
            return this;
        }

        public Builder validity(Instant from, Instant until) {
            this.notBefore = from;
            this.notAfter = until;
            return this;
        }

        public Builder validUntil(Instant until) {
            this.notAfter = until;
            return this;
        }

        /** Subject alternative names of type dNSName. */
        public Builder dns(String... names) {
            dnsNames.addAll(List.of(names));
            return this;
        }

        /** Leaves only: an extended key usage of clientAuth instead of serverAuth. */
        public Builder clientAuthOnly() {
            this.serverAuth = false;
            return this;
        }

        public Cert issue() {
            KeyPair subjectKeys = keyPair != null ? keyPair : ecKeyPair();
            X500Principal subject = new X500Principal("CN=" + commonName + ", O=pinkeeper tests");
            X500Principal issuerName = issuer == null ? subject : issuer.certificate().getSubjectX500Principal();
            KeyPair signer = issuer == null ? subjectKeys : issuer.keyPair();
            try {
                JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                        BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                        subject, subjectKeys.getPublic());
                builder.addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(signer.getPublic()));
                if (ca) {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
                } else {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            serverAuth ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
                }
                if (!dnsNames.isEmpty()) {
                    GeneralName[] names = dnsNames.stream()
                            .map(name -> new GeneralName(GeneralName.dNSName, name)).toArray(GeneralName[]::new);
                    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                }
                X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
                return new Cert(certificate, subjectKeys);
            } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
                throw new IllegalStateException("cannot issue a test certificate", e);
            }
        }
    }

    /** A fresh EC P-256 key pair. */
    public static KeyPair ecKey() {
        return ecKeyPair();
    }

    /** A fresh RSA 2048 key pair. */
    public static KeyPair rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code ca.pem} (a new CA) and {@code localhost.pem} + {@code localhost-key.pem}
     * (a certificate for localhost and 127.0.0.1 signed by it) into {@code dir}.
     *
     * @return the CA certificate file
     */
    public static Path writeLocalhostTls(Path dir) {
        try {
            KeyPair caKey = ecKey();
            X500Name caName = new X500Name("CN=pinkeeper test CA");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))),
                    caName, caKey.getPublic());
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCert = sign(ca, caKey);

            KeyPair leafKey = ecKey();
            JcaX509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO,
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))),
                    new X500Name("CN=localhost"), leafKey.getPublic());
            leaf.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate leafCert = sign(leaf, caKey);

            Path caFile = dir.resolve("ca.pem");
            Files.writeString(caFile, pem(caCert));
            Files.writeString(dir.resolve("localhost.pem"), pem(leafCert));
            Files.writeString(dir.resolve("localhost-key.pem"), pkcs8Pem(leafKey.getPrivate()));
            return caFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair issuerKey) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test certificate", e);
        }
    }

    /** A private key as a PKCS#8 {@code PRIVATE KEY} PEM block (what every TLS server reads). */
    public static String pkcs8Pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** PEM of a certificate, key or other object BouncyCastle can write. */
    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
