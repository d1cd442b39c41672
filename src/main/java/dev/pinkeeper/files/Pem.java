package dev.pinkeeper.files;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** PEM text of certificates and private keys, in the forms every TLS server reads. */
public final class Pem {
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    /** One {@code CERTIFICATE} block. */
    public static String certificate(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** The certificates' blocks, in order. */
    public static String certificates(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        certificates.forEach(c -> text.append(certificate(c)));
        return text.toString();
    }

    /** A PKCS#8 {@code PRIVATE KEY} block. */
    public static String privateKey(PrivateKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null || !"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("the private key cannot be exported as PKCS#8");
        }
        return block("PRIVATE KEY", encoded);
    }

    /** A PEM block of any type. */
    public static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
