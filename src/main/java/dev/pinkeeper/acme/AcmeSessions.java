package dev.pinkeeper.acme;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.shredzone.acme4j.Session;

/**
 * ACME sessions shared by the {@link Issuer}s of one run over many sites: one per CA directory, TLS trust
 * and thread, so that the sites a worker thread renews one after another reuse its HTTPS connection, its
 * copy of the CA's directory and its nonces instead of a new TLS handshake and directory fetch per site
 * (an acme4j session holds its nonce while a request runs, so threads never share one: concurrent
 * orders stay concurrent). Accounts are not shared: each {@link Issuer} logs in with its own key.
 *
 * <pre>{@code
 * AcmeSessions sessions = new AcmeSessions();
 * // on each worker thread, for each site:
 * new Issuer(siteSettings, sessions).issue(key, domains, solver);
 * }</pre>
 */
public final class AcmeSessions {
    private record Key(URI directory, Path trustedCaFile, Thread thread) {
    }

    private final Map<Key, Session> sessions = new ConcurrentHashMap<>();

    /** The calling thread's session for the CA and TLS trust of {@code settings}, made on first use. */
    Session session(IssuerSettings settings) throws IOException {
        Key key = new Key(settings.directory(), settings.trustedCaFile(), Thread.currentThread());
        Session session = sessions.get(key);
        if (session == null) {
            session = Issuer.newSession(settings);
            sessions.put(key, session);
        }
        return session;
    }

    /** How many sessions were made so far. */
    public int size() {
        return sessions.size();
    }
}
