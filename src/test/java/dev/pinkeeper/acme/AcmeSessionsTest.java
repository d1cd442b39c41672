package dev.pinkeeper.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Pebble;
import dev.pinkeeper.testing.TestPki;

/**
 * Sites with their own accounts share one session per thread against a real pebble: each still orders with
 * its own account and key, and two threads never share a session.
 */
class AcmeSessionsTest {
    @TempDir
    Path dir;

    @Test
    void issuersOfOneThreadShareASessionAndEachKeepsItsAccountAndKey() throws Exception {
        try (Pebble pebble = Pebble.start(dir.resolve("pebble"), Pebble.Options.alwaysValid());
                Http01Standalone solver = new Http01Standalone(new InetSocketAddress("127.0.0.1", FreePorts.next()))) {
            AcmeSessions sessions = new AcmeSessions();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> first = pool.submit(() -> orderForSites(pebble, sessions, solver, "a", 3));
                Future<?> second = pool.submit(() -> orderForSites(pebble, sessions, solver, "b", 3));
                first.get();
                second.get();
            } finally {
                pool.shutdownNow();
            }
            assertThat(sessions.size()).isEqualTo(2);
            for (String site : List.of("a0", "a1", "a2", "b0", "b1", "b2")) {
                assertThat(dir.resolve(site).resolve(AccountKeys.FILE_NAME)).exists();
            }
            assertThat(AccountKeys.loadOrCreate(dir.resolve("a0")).getPublic())
                    .isNotEqualTo(AccountKeys.loadOrCreate(dir.resolve("a1")).getPublic());
        }
    }

    private Void orderForSites(Pebble pebble, AcmeSessions sessions, ChallengeSolver solver, String prefix, int count)
            throws Exception {
        for (int i = 0; i < count; i++) {
            IssuerSettings settings = IssuerSettings.of(pebble.directoryUrl(), dir.resolve(prefix + i))
                    .withTrustedCa(pebble.tlsCaFile());
            KeyPair key = TestPki.ecKey();
            Issuer issuer = new Issuer(settings, sessions);
            IssuedCertificate issued = issuer.issue(key, List.of(prefix + i + ".example.test"), solver);
            assertThat(issued.leafPin()).isEqualTo(Pin.ofSpki(key.getPublic().getEncoded()));
            // the renewal window comes over the same session (no second one for the same thread)
            assertThat(issuer.renewalWindow(issued.chain().get(0))).isNotNull();
        }
        return null;
    }
}
