package dev.pinkeeper.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.testing.Await;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Haproxy;
import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TlsClients;

/**
 * Releases switched on a real HAProxy (master-worker, reloaded through its master CLI socket)
 * serving pebble-issued certificates from the release's {@code haproxy.pem} bundle.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HaproxyDeployTest {
    @TempDir
    static Path dir;
    static IssuedFixture ca;
    static Haproxy haproxy;
    static int port;
    static ReleaseStore store;
    static KeyPair keyA = TestPki.ecKey();
    static KeyPair keyB = TestPki.ecKey();
    static CertifiedKey certA;
    static CertifiedKey certB;
    static ServerTarget target;

    @BeforeAll
    static void start() throws Exception {
        ca = new IssuedFixture(dir);
        certA = ca.issue(keyA);
        certB = ca.issue(keyB);
        store = new ReleaseStore(dir.resolve("site"));
        Release first = store.create(ReleaseContent.of(certA, headers()));
        store.pointLiveAt(first);
        port = FreePorts.next();
        haproxy = Haproxy.site(dir.resolve("haproxy"), port, store.liveLink());
        target = ServerTargets.haproxyMasterSocket(haproxy.config(), haproxy.masterSocket());
    }

    @AfterAll
    static void stop() {
        if (haproxy != null) {
            haproxy.close();
        }
        if (ca != null) {
            ca.close();
        }
    }

    /** Both keys pinned (the value has {@code "}), a report-uri with {@code %2F} (a log-format tag unless doubled), HSTS. */
    static List<Header> headers() {
        return List.of(new Header("Public-Key-Pins", "pin-sha256=\"" + IssuedFixture.pin(keyA).base64()
                + "\"; pin-sha256=\"" + IssuedFixture.pin(keyB).base64() + "\"; max-age=600; report-uri=\""
                + ApacheDeployTest.REPORT_URI + "\""),
                new Header("Strict-Transport-Security", "max-age=600"));
    }

    static ReleaseSwitch.Builder switcher(ServerTarget server) {
        return ReleaseSwitch.builder(store, server)
                .check(new PkixCheck(List.of(ca.pebble.root())))
                .probe(new TlsProbe("127.0.0.1", port, "localhost", Duration.ofSeconds(2)))
                .probeTimeout(Duration.ofSeconds(5));
    }

    static String url() {
        return "https://localhost:" + port + "/";
    }

    @Test
    @Order(1)
    void switchesToANewKeyThroughTheMasterSocket() throws Exception {
        TlsClients.Result first = TlsClients.curl(url(), ca.rootPem, List.of(IssuedFixture.pin(keyA).base64()));
        assertThat(first.status()).as(first.output()).isZero();
        // HAProxy sends header names in lower case; the values arrive exactly as written
        assertThat(first.output()).contains("public-key-pins: " + headers().get(0).value())
                .contains("strict-transport-security: max-age=600");
        Set<Long> workersBefore = haproxy.workerPids();
        Release release = store.create(ReleaseContent.of(certB, headers()));

        SwitchResult result = switcher(target).check(new KeyMatchCheck()).build().switchTo(release);

        assertThat(result.outcome()).as(result.steps().toString()).isEqualTo(SwitchResult.Outcome.SWITCHED);
        // old workers finish their connections and exit asynchronously
        assertThat(Await.until(haproxy::workerPids, now -> now.stream().noneMatch(workersBefore::contains),
                java.time.Duration.ofSeconds(15))).doesNotContainAnyElementsOf(workersBefore);
        String pinB = IssuedFixture.pin(keyB).base64();
        TlsClients.Result curl = TlsClients.curl(url(), ca.rootPem, List.of(pinB));
        assertThat(curl.status()).as(curl.output()).isZero();
        assertThat(TlsClients.curl(url(), ca.rootPem, List.of(IssuedFixture.pin(keyA).base64())).status()).isEqualTo(90);
        assertThat(TlsClients.okHttp(url(), "localhost", ca.rootPem, List.of(pinB))).isEqualTo(200);
    }

    @Test
    @Order(2)
    void sameContentSwitchesWithoutReload() throws Exception {
        Set<Long> workers = haproxy.workerPids();
        Release same = store.create(ReleaseContent.of(certB, headers()));

        SwitchResult result = switcher(target).build().switchTo(same);

        assertThat(result.outcome()).isEqualTo(SwitchResult.Outcome.UNCHANGED);
        assertThat(store.live()).contains(same);
        assertThat(haproxy.workerPids()).isEqualTo(workers);
    }

    @Test
    @Order(3)
    void failedReloadPutsThePreviousReleaseBack() throws Exception {
        Release before = store.live().orElseThrow();
        Release broken = store.create(ReleaseContent.of(new CertifiedKey(certA.chain(), keyB.getPrivate()), headers()));
        ServerTarget untested = new ServerTarget() {
            @Override
            public String name() {
                return "haproxy";
            }

            @Override
            public void configTest() {
                // skipped: the reload itself must fail
            }

            @Override
            public void reload() throws ServerException {
                target.reload();
            }

            @Override
            public List<java.nio.file.Path> configFiles() {
                return target.configFiles();
            }
        };

        SwitchResult result = switcher(untested).build().switchTo(broken);

        assertThat(result.outcome()).as(result.steps().toString()).isEqualTo(SwitchResult.Outcome.ROLLED_BACK);
        assertThat(store.live()).contains(before);
        assertThat(TlsClients.curl(url(), ca.rootPem, List.of(IssuedFixture.pin(keyB).base64())).status()).isZero();
        assertThat(haproxy.workerPids()).isNotEmpty();
    }

    @Test
    @Order(4)
    void configTestRejectsABrokenRelease() throws Exception {
        Release before = store.live().orElseThrow();
        Release broken = store.create(ReleaseContent.of(new CertifiedKey(certA.chain(), keyB.getPrivate()), headers()));

        SwitchResult result = switcher(target).build().switchTo(broken);

        assertThat(result.outcome()).isEqualTo(SwitchResult.Outcome.REJECTED);
        assertThat(result.reason()).contains("haproxy config test failed");
        assertThat(store.live()).contains(before);
    }

    @Test
    @Order(5)
    void dualRsaAndEcdsaCertificatesAreBothServed() throws Exception {
        KeyPair rsa = TestPki.rsaKey();
        KeyPair ec = TestPki.ecKey();
        Release dual = store.create(new ReleaseContent(List.of(ca.issue(rsa), ca.issue(ec)), headers(), null));

        SwitchResult result = switcher(target).check(new KeyMatchCheck()).build().switchTo(dual);

        assertThat(result.outcome()).as(result.steps().toString()).isEqualTo(SwitchResult.Outcome.SWITCHED);
        assertThat(curlWithCipher("ECDHE-RSA-AES128-GCM-SHA256", IssuedFixture.pin(rsa).base64()).status()).isZero();
        assertThat(curlWithCipher("ECDHE-ECDSA-AES128-GCM-SHA256", IssuedFixture.pin(ec).base64()).status()).isZero();
        assertThat(curlWithCipher("ECDHE-RSA-AES128-GCM-SHA256", IssuedFixture.pin(ec).base64()).status()).isEqualTo(90);
    }

    static TlsClients.Result curlWithCipher(String cipher, String pin) throws Exception {
        return TlsClients.curl(url(), ca.rootPem, List.of(pin), "--tls-max", "1.2", "--ciphers", cipher);
    }
}
