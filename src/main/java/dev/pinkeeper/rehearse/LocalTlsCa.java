package dev.pinkeeper.rehearse;

import dev.pinkeeper.files.Pem;
import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyGenerator;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA and a {@code localhost} / {@code 127.0.0.1} certificate it signs: pebble ships no
 * TLS certificate of its own, and the ACME client trusts this CA for pebble's TLS.
 */
public final class LocalTlsCa {
    private LocalTlsCa() {
    }

    /**
     * Writes {@code ca.pem}, {@code localhost.pem} and {@code localhost-key.pem} (0600) into {@code dir}.
     *
     * @return the CA file
     */
    public static Path writeLocalhost(Path dir) throws IOException {
        try {
            KeyPair caKey = KeyGenerator.generate(KeyAlgorithm.EC_P256);
            X500Name caName = new X500Name("CN=pinkeeper rehearsal TLS CA");
            Instant now = Instant.now();
            Date from = Date.from(now.minus(Duration.ofHours(1)));
            Date until = Date.from(now.plus(Duration.ofDays(2)));
            JcaX509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, until,
                    caName, caKey.getPublic());
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCert = sign(ca, caKey.getPrivate());
            KeyPair leafKey = KeyGenerator.generate(KeyAlgorithm.EC_P256);
            JcaX509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, from, until,
                    new X500Name("CN=localhost"), leafKey.getPublic());
            leaf.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate leafCert = sign(leaf, caKey.getPrivate());
            Files.createDirectories(dir);
            Path caFile = dir.resolve("ca.pem");
            Files.writeString(caFile, Pem.certificate(caCert));
            Files.writeString(dir.resolve("localhost.pem"), Pem.certificate(leafCert));
            SafeFiles.writeNew(dir.resolve("localhost-key.pem"),
                    Pem.privateKey(leafKey.getPrivate()).getBytes(StandardCharsets.US_ASCII), SafeFiles.PRIVATE_FILE);
            return caFile;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the local TLS CA", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }
}
