package dev.pinkeeper.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads a certificate chain — PEM with any number of CERTIFICATE blocks, one DER certificate, or
 * PKCS#7 — as X.509 certificates in the order they appear (a served chain: leaf first).
 */
public final class CertificateChainReader {
    private CertificateChainReader() {
    }

    /**
     * All certificates of {@code input}, in order.
     *
     * @throws UnreadableInputException if the input is empty, holds no certificate or a malformed one
     */
    public static List<X509Certificate> read(InputStream input) throws UnreadableInputException {
        BufferedInputStream in = new BufferedInputStream(input);
        try {
            in.mark(1);
            if (in.read() < 0) {
                throw new UnreadableInputException("empty input");
            }
            in.reset();
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> chain = new ArrayList<>(certificates.size());
            for (Certificate certificate : certificates) {
                chain.add((X509Certificate) certificate);
            }
            if (chain.isEmpty()) {
                throw new UnreadableInputException("no certificate in it");
            }
            return chain;
        } catch (CertificateException e) {
            String message = e.getMessage() == null ? "malformed"
                    : e.getMessage().replaceAll("([a-z]+\\.)+[A-Za-z]*(Exception|Error): ", "")
                            .replaceAll("\\s+", " ").strip();
            throw new UnreadableInputException("not a certificate chain (PEM or DER): " + message, e);
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read: " + e.getMessage(), e);
        }
    }
}
