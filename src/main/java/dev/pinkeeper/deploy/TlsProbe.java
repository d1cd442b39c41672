package dev.pinkeeper.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.server.ServerException;

/**
 * Connects to a TLS server and reads the chain it serves, without judging it (the release was
 * validated before it went live): used to see which certificate a server really serves after a
 * reload.
 */
public final class TlsProbe {
    private final String host;
    private final int port;
    private final String serverName;
    private final Duration timeout;

    /**
     * @param host       address to connect to (e.g. {@code 127.0.0.1})
     * @param serverName the SNI name to send
     */
    public TlsProbe(String host, int port, String serverName, Duration timeout) {
        this.host = host;
        this.port = port;
        this.serverName = serverName;
        this.timeout = timeout;
    }

    /** The chain the server sends, leaf first. */
    public List<X509Certificate> servedChain() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAll()}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
                socket.connect(new InetSocketAddress(host, port), millis);
                socket.setSoTimeout(millis);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(serverName)));
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate certificate : socket.getSession().getPeerCertificates()) {
                    chain.add((X509Certificate) certificate);
                }
                return chain;
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The pin of the served leaf's key. */
    public Pin servedLeafPin() throws IOException {
        return Pin.ofSpki(servedChain().get(0).getPublicKey().getEncoded());
    }

    /**
     * Polls until the server serves a leaf whose pin is one of {@code expected} (a reload takes effect
     * asynchronously).
     *
     * @param patience how long to keep trying
     * @throws ServerException when it still serves another key, or cannot be reached, after {@code patience}
     */
    public void awaitLeafPin(Set<Pin> expected, Duration patience) throws ServerException {
        long deadline = System.nanoTime() + patience.toNanos();
        String last;
        while (true) {
            try {
                Pin served = servedLeafPin();
                if (expected.contains(served)) {
                    return;
                }
                last = "serves pin " + served;
            } catch (IOException | RuntimeException e) {
                // a RuntimeException (an address or SNI name Java refuses) fails the probe like an unreachable server
                last = "cannot be reached: " + e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new ServerException("after the reload, " + this + " " + last + ", not one of " + expected);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServerException("interrupted while probing " + this, e);
            }
        }
    }

    @Override
    public String toString() {
        return serverName + " at " + host + ":" + port;
    }

    /** Records nothing, rejects nothing: the probe only reads what is served. */
    private static final class AcceptAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
