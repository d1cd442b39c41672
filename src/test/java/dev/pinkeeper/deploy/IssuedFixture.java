package dev.pinkeeper.deploy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import dev.pinkeeper.acme.ChallengeSolver;
import dev.pinkeeper.acme.IssuedCertificate;
import dev.pinkeeper.acme.Issuer;
import dev.pinkeeper.acme.IssuerSettings;
import dev.pinkeeper.acme.PendingChallenge;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.testing.Pebble;

/** Certificates for {@code localhost} from a real pebble CA (challenges always valid), for deploy tests. */
final class IssuedFixture implements AutoCloseable {
    final Pebble pebble;
    final Path rootPem;
    private final Issuer issuer;

    IssuedFixture(Path dir) {
        pebble = Pebble.start(dir.resolve("pebble"), Pebble.Options.alwaysValid());
        rootPem = pebble.writeRoot(dir.resolve("pebble-root.pem"));
        issuer = new Issuer(IssuerSettings.of(pebble.directoryUrl(), dir.resolve("acme-account"))
                .withTrustedCa(pebble.tlsCaFile()));
    }

    /** A certificate for {@code localhost} certifying {@code key}. */
    CertifiedKey issue(KeyPair key) throws Exception {
        IssuedCertificate cert = issuer.issue(key, List.of("localhost"), new AcceptAll());
        return new CertifiedKey(cert.chain(), key.getPrivate());
    }

    static Pin pin(KeyPair key) {
        return Pin.ofSpki(key.getPublic().getEncoded());
    }

    @Override
    public void close() {
        pebble.close();
    }

    /** The CA validates everything: nothing to publish. */
    private static final class AcceptAll implements ChallengeSolver {
        @Override
        public String type() {
            return PendingChallenge.HTTP_01;
        }

        @Override
        public void publish(PendingChallenge challenge) {
        }

        @Override
        public void remove(PendingChallenge challenge) {
        }
    }
}
