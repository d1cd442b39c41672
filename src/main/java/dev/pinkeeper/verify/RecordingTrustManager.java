package dev.pinkeeper.verify;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts every server chain and records the last one, so that the chain can be validated afterwards
 * (by {@link dev.pinkeeper.pin.ChainValidator}, against chosen anchors) and an untrusted chain is
 * reported rather than ending the connection. Being an {@link X509ExtendedTrustManager}, it also skips
 * the JDK's host name check, which the validator does itself. Never use it to send anything secret.
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {
    private volatile List<X509Certificate> served = List.of();

    /** The chain of the last handshake, as the server sent it; empty before any. */
    List<X509Certificate> served() {
        return served;
    }

    private void record(X509Certificate[] chain) {
        served = chain == null ? List.of() : List.of(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        record(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        record(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        record(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("not a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
