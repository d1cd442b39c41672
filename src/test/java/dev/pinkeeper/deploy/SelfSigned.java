package dev.pinkeeper.deploy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.testing.TestPki;

/** A self-signed certificate and its key, for release tests that need no CA. */
record SelfSigned(KeyPair key, X509Certificate certificate) {
    static SelfSigned ec(String name) {
        return of(name, TestPki.ecKey(), "SHA256withECDSA");
    }

    static SelfSigned rsa(String name) {
        return of(name, TestPki.rsaKey(), "SHA256withRSA");
    }

    private static SelfSigned of(String name, KeyPair key, String algorithm) {
        try {
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + name);
            var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                    key.getPublic());
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(key.getPrivate())));
            return new SelfSigned(key, certificate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<X509Certificate> chain() {
        return List.of(certificate);
    }

    CertifiedKey certifiedKey() {
        return new CertifiedKey(chain(), key.getPrivate());
    }

    Pin pin() {
        return Pin.ofSpki(key.getPublic().getEncoded());
    }
}
