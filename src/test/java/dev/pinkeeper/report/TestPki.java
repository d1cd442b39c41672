package dev.pinkeeper.report;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import dev.pinkeeper.pin.Pin;

/** Test certificates made on the fly: roots, intermediates and leaves with fresh EC keys. */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(1);

    /** A certificate with its key and PEM form. */
    public record Cert(X509Certificate certificate, KeyPair keys, String pem) {
        public Pin pin() {
            return Pin.ofSpki(certificate.getPublicKey().getEncoded());
        }
    }

    private TestPki() {
    }

    public static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed CA. */
    public static Cert root(String commonName) {
        KeyPair keys = newKey();
        return issue("CN=" + commonName, keys, "CN=" + commonName, keys, true);
    }

    /** A certificate for {@code subjectKeys} signed by {@code issuer}. */
    public static Cert issue(Cert issuer, String subject, KeyPair subjectKeys, boolean ca) {
        return issue(subject, subjectKeys, issuer.certificate().getSubjectX500Principal().getName(), issuer.keys(), ca);
    }

    private static Cert issue(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys, boolean ca) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(90))), new X500Name(subject), subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(certificate);
            }
            return new Cert(certificate, subjectKeys, pem.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
