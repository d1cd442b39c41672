package dev.pinkeeper.read;

import dev.pinkeeper.read.DerElement.MalformedDerException;

/**
 * The parts of an X.509 certificate (RFC 5280 §4.1) that pinning needs, located by walking the
 * DER structure: subject and SubjectPublicKeyInfo.
 */
final class CertificateStructure {
    final DerElement subject;
    final DerElement spki;

    private CertificateStructure(DerElement subject, DerElement spki) {
        this.subject = subject;
        this.spki = spki;
    }

    /**
     * Locates subject and SPKI in {@code der[0, limit)}; the certificate must fill it unless
     * {@code trailingAllowed} (OpenSSL's TRUSTED CERTIFICATE appends trust settings).
     */
    static CertificateStructure parse(byte[] der, int limit, boolean trailingAllowed) throws MalformedDerException {
        DerElement certificate = DerElement.at(der, 0, limit).expect(DerElement.SEQUENCE, "a certificate");
        if (!trailingAllowed && certificate.end != limit) {
            throw new MalformedDerException("trailing bytes after the certificate");
        }
        DerElement tbs = certificate.firstChild().expect(DerElement.SEQUENCE, "a certificate");
        DerElement signatureAlgorithm = tbs.next(certificate).expect(DerElement.SEQUENCE, "a certificate");
        signatureAlgorithm.next(certificate).expect(DerElement.BIT_STRING, "a certificate");

        DerElement field = tbs.firstChild();
        if (field.tag == DerElement.CONTEXT_0) {
            field = field.next(tbs);
        }
        DerElement serial = field.expect(DerElement.INTEGER, "a certificate (no serial number)");
        DerElement signature = serial.next(tbs).expect(DerElement.SEQUENCE, "a certificate");
        DerElement issuer = signature.next(tbs).expect(DerElement.SEQUENCE, "a certificate (bad issuer)");
        DerElement validity = issuer.next(tbs).expect(DerElement.SEQUENCE, "a certificate (bad validity)");
        DerElement subject = validity.next(tbs).expect(DerElement.SEQUENCE, "a certificate (bad subject)");
        DerElement spki = subject.next(tbs).expect(DerElement.SEQUENCE, "a certificate (bad public key)");
        checkSpki(spki);
        return new CertificateStructure(subject, spki);
    }

    /** Checks that an element has the SubjectPublicKeyInfo shape: SEQUENCE { SEQUENCE, BIT STRING }. */
    static void checkSpki(DerElement spki) throws MalformedDerException {
        DerElement algorithm = spki.firstChild().expect(DerElement.SEQUENCE, "a public key (no algorithm)");
        DerElement key = algorithm.next(spki).expect(DerElement.BIT_STRING, "a public key (no key bits)");
        if (key.end != spki.end) {
            throw new MalformedDerException("not a public key (trailing fields)");
        }
    }
}
