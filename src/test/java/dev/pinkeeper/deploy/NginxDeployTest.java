package dev.pinkeeper.deploy;

import dev.pinkeeper.server.ServerTarget;
import dev.pinkeeper.server.CommandTarget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLPeerUnverifiedException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.testing.Await;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Nginx;
import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TlsClients;

/**
 * Releases switched on a real nginx serving pebble-issued certificates on loopback, checked by
 * curl {@code --pinnedpubkey} and OkHttp's CertificatePinner. The tests run in order on one nginx.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NginxDeployTest {
    @TempDir
    static Path dir;
    static IssuedFixture ca;
    static Nginx nginx;
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
        Path live = store.liveLink();
        nginx = Nginx.start(dir.resolve("nginx"), """
                server {
                  listen 127.0.0.1:%d ssl;
                  server_name localhost;
                  ssl_certificate %s/fullchain.pem;
                  ssl_certificate_key %s/privkey.pem;
                  include %s/headers-nginx.conf;
                  location / { return 200 "ok\\n"; }
                }
                """.formatted(port, live, live, live), port);
        target = dev.pinkeeper.server.Nginx.target(nginx.config(), nginx.commandLineOptions());
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (ca != null) {
            ca.close();
        }
    }

    /** Both keys pinned (the value has {@code "}) and a report-uri with {@code %2F}. */
    static List<Header> headers() {
        return List.of(new Header("Public-Key-Pins", "pin-sha256=\"" + IssuedFixture.pin(keyA).base64()
                + "\"; pin-sha256=\"" + IssuedFixture.pin(keyB).base64() + "\"; max-age=600; report-uri=\""
                + ApacheDeployTest.REPORT_URI + "\""));
    }

    static ReleaseSwitch.Builder switcher(ServerTarget server) {
        return ReleaseSwitch.builder(store, server)
                .check(new PkixCheck(List.of(ca.pebble.root())))
                .probe(new TlsProbe("127.0.0.1", port, "localhost", Duration.ofSeconds(2)))
                .probeTimeout(Duration.ofSeconds(3));
    }

    static String url() {
        return "https://localhost:" + port + "/";
    }

    @Test
    @Order(1)
    void switchesToANewKeyAndReloadsOnce() throws Exception {
        TlsClients.Result first = TlsClients.curl(url(), ca.rootPem, List.of(IssuedFixture.pin(keyA).base64()));
        assertThat(first.status()).as(first.output()).isZero();
        assertThat(first.output()).contains("Public-Key-Pins: " + headers().get(0).value());
        Set<Long> workersBefore = nginx.workerPids();
        int reloadsBefore = nginx.reloadCount();
        Release release = store.create(ReleaseContent.of(certB, headers()));

        SwitchResult result = switcher(target).check(new KeyMatchCheck()).build().switchTo(release);

        assertThat(result.outcome()).as(result.steps().toString()).isEqualTo(SwitchResult.Outcome.SWITCHED);
        assertThat(result.reloaded()).isTrue();
        assertThat(store.live()).contains(release);
        assertThat(nginx.reloadCount()).isEqualTo(reloadsBefore + 1);
        // old workers finish their connections and exit asynchronously
        assertThat(Await.until(nginx::workerPids, now -> now.stream().noneMatch(workersBefore::contains),
                java.time.Duration.ofSeconds(15))).doesNotContainAnyElementsOf(workersBefore);

        String pinB = IssuedFixture.pin(keyB).base64();
        TlsClients.Result curl = TlsClients.curl(url(), ca.rootPem, List.of(pinB));
        assertThat(curl.status()).as(curl.output()).isZero();
        assertThat(curl.output()).contains("Public-Key-Pins: pin-sha256=\"" + IssuedFixture.pin(keyA).base64());
        assertThat(TlsClients.curl(url(), ca.rootPem, List.of(IssuedFixture.pin(keyA).base64())).status())
                .as("curl rejects a pin that is not the leaf's").isEqualTo(90);
        assertThat(TlsClients.okHttp(url(), "localhost", ca.rootPem, List.of(pinB))).isEqualTo(200);
        assertThatThrownBy(() -> TlsClients.okHttp(url(), "localhost", ca.rootPem,
                List.of(IssuedFixture.pin(TestPki.ecKey()).base64())))
                .isInstanceOf(SSLPeerUnverifiedException.class);
    }

    @Test
    @Order(2)
    void sameContentSwitchesWithoutReload() throws Exception {
        Release before = store.live().orElseThrow();
        Set<Long> workers = nginx.workerPids();
        int reloads = nginx.reloadCount();
        Release same = store.create(ReleaseContent.of(certB, headers()));

        SwitchResult result = switcher(target).build().switchTo(same);

        assertThat(result.outcome()).isEqualTo(SwitchResult.Outcome.UNCHANGED);
        assertThat(result.reloaded()).isFalse();
        assertThat(same).isNotEqualTo(before);
        assertThat(store.live()).contains(same);
        assertThat(nginx.reloadCount()).isEqualTo(reloads);
        assertThat(nginx.workerPids()).isEqualTo(workers);
    }

    @Test
    @Order(3)
    void configTestFailureRejectsBeforeAnyReloadAndRemovesTheNewRelease() throws Exception {
        Release before = store.live().orElseThrow();
        int reloads = nginx.reloadCount();
        List<Release> releases = store.releases();
        Map<String, String> files = FileSnapshot.of(store.siteDirectory().resolve("releases"));
        // certificate A with key B: nginx -t fails with "key values mismatch"
        ReleaseContent broken = ReleaseContent.of(new CertifiedKey(certA.chain(), keyB.getPrivate()), headers());

        SwitchResult result = switcher(target).build().deploy(broken);

        assertThat(result.outcome()).isEqualTo(SwitchResult.Outcome.REJECTED);
        assertThat(result.reason()).contains("nginx config test failed");
        assertThat(result.steps()).anyMatch(step -> step.endsWith("removed (it never went live)"));
        assertThat(result.release()).isNull();
        assertThat(store.live()).contains(before);
        assertThat(store.releases()).isEqualTo(releases);
        assertThat(FileSnapshot.of(store.siteDirectory().resolve("releases"))).isEqualTo(files);
        assertThat(nginx.reloadCount()).isEqualTo(reloads);
        assertThat(TlsClients.curl(url(), ca.rootPem, List.of(IssuedFixture.pin(keyB).base64())).status()).isZero();
    }

    @Test
    @Order(4)
    void failedReloadPutsThePreviousReleaseBack() throws Exception {
        Release before = store.live().orElseThrow();
        int reloads = nginx.reloadCount();
        Release broken = store.create(ReleaseContent.of(new CertifiedKey(certA.chain(), keyB.getPrivate()), headers()));
        // no config test: 'nginx -s reload' itself fails on the broken release
        ServerTarget untested = CommandTarget.of("nginx", List.of(),
                concat(List.of("nginx", "-s", "reload", "-c", nginx.config().toString()), nginx.commandLineOptions()),
                List.of(nginx.config()));

        SwitchResult result = switcher(untested).build().switchTo(broken);

        assertThat(result.outcome()).as(result.steps().toString()).isEqualTo(SwitchResult.Outcome.ROLLED_BACK);
        assertThat(result.reason()).contains("key values mismatch");
        assertThat(store.live()).contains(before);
        assertThat(nginx.reloadCount()).as("only the rollback's reload reached nginx").isEqualTo(reloads + 1);
        assertThat(TlsClients.curl(url(), ca.rootPem, List.of(IssuedFixture.pin(keyB).base64())).status()).isZero();
    }

    @Test
    @Order(5)
    void reloadThatServesTheOldKeyIsCaughtByTheProbe() throws Exception {
        Release before = store.live().orElseThrow();
        int reloads = nginx.reloadCount();
        Release broken = store.create(ReleaseContent.of(new CertifiedKey(certA.chain(), keyB.getPrivate()), headers()));
        // SIGHUP "succeeds", but the master cannot load the release and keeps serving the old key
        ServerTarget signal = CommandTarget.of("nginx", List.of(),
                List.of("kill", "-HUP", Long.toString(nginx.masterPid())), List.of(nginx.config()));

        SwitchResult result = switcher(signal).build().switchTo(broken);

        assertThat(result.outcome()).as(result.steps().toString()).isEqualTo(SwitchResult.Outcome.ROLLED_BACK);
        assertThat(result.reason()).contains("serves pin " + IssuedFixture.pin(keyB).base64());
        assertThat(store.live()).contains(before);
        assertThat(nginx.reloadCount()).isEqualTo(reloads + 2);
        assertThat(nginx.errorLog()).contains("key values mismatch");
        assertThat(TlsClients.curl(url(), ca.rootPem, List.of(IssuedFixture.pin(keyB).base64())).status()).isZero();
    }

    @Test
    @Order(6)
    void checksRejectAnUntrustedChainOrAnUnpinnedKey() throws Exception {
        Release before = store.live().orElseThrow();
        KeyPair keyC = TestPki.ecKey();
        Release unpinned = store.create(ReleaseContent.of(ca.issue(keyC), headers()));

        SwitchResult pinned = switcher(target)
                .check(ReleaseCheck.leafPins("the cached pin set", pins -> pins.stream()
                        .allMatch(p -> p.equals(IssuedFixture.pin(keyA)) || p.equals(IssuedFixture.pin(keyB)))))
                .build().switchTo(unpinned);
        SwitchResult untrusted = ReleaseSwitch.builder(store, target)
                .check(new PkixCheck(List.of(SelfSigned.ec("other root").certificate()))).build().switchTo(unpinned);

        assertThat(pinned.outcome()).isEqualTo(SwitchResult.Outcome.REJECTED);
        assertThat(pinned.reason()).contains("the cached pin set rejects the leaf pins [" + IssuedFixture.pin(keyC));
        assertThat(untrusted.outcome()).isEqualTo(SwitchResult.Outcome.REJECTED);
        assertThat(untrusted.reason()).contains("does not validate");
        assertThat(store.live()).contains(before);
    }

    @Test
    @Order(7)
    void releasesAreNeverOverwritten() throws Exception {
        // seven written, the one the config test rejected in deploy() removed again
        List<Release> releases = store.releases();
        assertThat(releases).hasSize(6);
        assertThat(releases.stream().map(Release::name).distinct()).hasSize(6);
        for (Release release : releases) {
            assertThat(Files.exists(release.file("privkey.pem"))).isTrue();
        }
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
