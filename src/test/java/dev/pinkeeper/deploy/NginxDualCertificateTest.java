package dev.pinkeeper.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Nginx;
import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TlsClients;

/** nginx serving an RSA and an ECDSA certificate side by side; the EC key rolls over, the RSA key stays. */
class NginxDualCertificateTest {
    @TempDir
    Path dir;

    @Test
    void rollsTheEcKeyWhileTheRsaKeyStays() throws Exception {
        KeyPair rsa = TestPki.rsaKey();
        KeyPair ec1 = TestPki.ecKey();
        KeyPair ec2 = TestPki.ecKey();
        try (IssuedFixture ca = new IssuedFixture(dir)) {
            CertifiedKey rsaCert = ca.issue(rsa);
            ReleaseStore store = new ReleaseStore(dir.resolve("site"));
            store.pointLiveAt(store.create(new ReleaseContent(List.of(rsaCert, ca.issue(ec1)), List.of(), null)));
            Release next = store.create(new ReleaseContent(List.of(rsaCert, ca.issue(ec2)), List.of(), null));
            int port = FreePorts.next();
            Path live = store.liveLink();
            try (Nginx nginx = Nginx.start(dir.resolve("nginx"), """
                    server {
                      listen 127.0.0.1:%1$d ssl;
                      ssl_certificate %2$s/fullchain-rsa.pem;
                      ssl_certificate_key %2$s/privkey-rsa.pem;
                      ssl_certificate %2$s/fullchain-ecdsa.pem;
                      ssl_certificate_key %2$s/privkey-ecdsa.pem;
                      location / { return 200 "ok\\n"; }
                    }
                    """.formatted(port, live), port)) {
                String url = "https://localhost:" + port + "/";
                assertThat(curl(url, ca, "ECDHE-ECDSA-AES128-GCM-SHA256", ec1).status()).isZero();

                SwitchResult result = ReleaseSwitch.builder(store, dev.pinkeeper.server.Nginx.target(nginx.config(),
                        nginx.commandLineOptions()))
                        .check(new PkixCheck(List.of(ca.pebble.root()))).check(new KeyMatchCheck())
                        .probe(new TlsProbe("127.0.0.1", port, "localhost", Duration.ofSeconds(2)))
                        .build().switchTo(next);

                assertThat(result.outcome()).as(result.steps().toString()).isEqualTo(SwitchResult.Outcome.SWITCHED);
                assertThat(curl(url, ca, "ECDHE-ECDSA-AES128-GCM-SHA256", ec2).status()).isZero();
                assertThat(curl(url, ca, "ECDHE-ECDSA-AES128-GCM-SHA256", ec1).status()).isEqualTo(90);
                assertThat(curl(url, ca, "ECDHE-RSA-AES128-GCM-SHA256", rsa).status()).isZero();
            }
        }
    }

    static TlsClients.Result curl(String url, IssuedFixture ca, String cipher, KeyPair pinned) throws Exception {
        return TlsClients.curl(url, ca.rootPem, List.of(IssuedFixture.pin(pinned).base64()),
                "--tls-max", "1.2", "--ciphers", cipher);
    }
}
