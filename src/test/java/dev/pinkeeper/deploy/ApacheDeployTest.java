package dev.pinkeeper.deploy;

import dev.pinkeeper.server.ServerTarget;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.lifecycle.Programs;
import dev.pinkeeper.testing.Apache;
import dev.pinkeeper.testing.Await;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TlsClients;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases switched on a real Apache httpd (event MPM, mod_ssl, mod_headers) serving pebble-issued
 * certificates on loopback through {@link dev.pinkeeper.server.Apache#target}: a graceful restart per change, the
 * release's {@code headers-apache.conf} included in the virtual host, checked by curl
 * {@code --pinnedpubkey}. The tests run in order on one Apache; the last one ends it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApacheDeployTest {
    /** A report-uri with a percent-escape: mod_headers would read {@code %2F} as a format specifier. */
    static final String REPORT_URI = "https://reports.pinkeeper.test/hpkp?site=shop%2Feu";

    @TempDir
    static Path dir;
    @AutoClose
    static IssuedFixture pebble;
    @AutoClose
    static Apache apache;
    static ReleaseStore releases;
    static int port;
    static final KeyPair first = TestPki.ecKey();
    static final KeyPair second = TestPki.ecKey();
    static CertifiedKey firstCert;
    static CertifiedKey secondCert;

    @BeforeAll
    static void startApache() throws Exception {
        pebble = new IssuedFixture(dir);
        firstCert = pebble.issue(first);
        secondCert = pebble.issue(second);
        releases = new ReleaseStore(dir.resolve("site"));
        releases.pointLiveAt(releases.create(ReleaseContent.of(firstCert, pinHeaders())));
        port = FreePorts.next();
        apache = Apache.servingRelease(dir.resolve("apache"), port, releases.liveLink(), "localhost");
    }

    /** Both keys pinned, a report-uri with {@code %}, and HSTS. */
    static List<Header> pinHeaders() {
        return List.of(new Header("Public-Key-Pins", "pin-sha256=\"" + IssuedFixture.pin(first).base64()
                        + "\"; pin-sha256=\"" + IssuedFixture.pin(second).base64() + "\"; max-age=600; report-uri=\""
                        + REPORT_URI + "\""),
                new Header("Strict-Transport-Security", "max-age=31536000"));
    }

    static ServerTarget apacheTarget() {
        return dev.pinkeeper.server.Apache.target(Programs.locate("apache2"), apache.config(), List.of());
    }

    static SwitchResult switchTo(Release release, ReleaseCheck... checks) throws Exception {
        ReleaseSwitch.Builder builder = ReleaseSwitch.builder(releases, apacheTarget())
                .check(new PkixCheck(List.of(pebble.pebble.root())))
                .probe(new TlsProbe("127.0.0.1", port, "localhost", Duration.ofSeconds(2)))
                .probeTimeout(Duration.ofSeconds(3));
        for (ReleaseCheck check : checks) {
            builder.check(check);
        }
        return builder.build().switchTo(release);
    }

    static TlsClients.Result curlPinned(KeyPair key) throws Exception {
        return TlsClients.curl("https://localhost:" + port + "/", pebble.rootPem,
                List.of(IssuedFixture.pin(key).base64()), "--connect-to", "localhost:" + port + ":127.0.0.1:" + port);
    }

    @Test
    @Order(1)
    void servesTheLiveReleaseWithItsHeaderLines() throws Exception {
        TlsClients.Result curl = curlPinned(first);

        assertThat(curl.status()).as(curl.output()).isZero();
        assertThat(curl.output()).contains("Public-Key-Pins: " + pinHeaders().get(0).value())
                .contains("Strict-Transport-Security: max-age=31536000");
        assertThat(curlPinned(second).status()).as("curl checks the leaf's key").isEqualTo(90);
    }

    @Test
    @Order(2)
    void aNewKeyIsServedByANewGenerationWhileAnOldChildFinishesItsConnection() throws Exception {
        long parent = apache.parentPid();
        Set<Long> oldChildren = apache.childPids();
        int restarts = apache.gracefulRestarts();
        SwitchResult result;
        try (Socket unfinished = new Socket("127.0.0.1", port)) {
            unfinished.getOutputStream().write(0x16); // the first byte of a TLS handshake, and no more
            unfinished.getOutputStream().flush();
            Thread.sleep(200);

            result = switchTo(releases.create(ReleaseContent.of(secondCert, pinHeaders())), new KeyMatchCheck());

            assertThat(result.outcome()).as(result.steps().toString()).isEqualTo(SwitchResult.Outcome.SWITCHED);
            assertThat(apache.childPids()).as("the old child holding the unfinished connection still runs")
                    .containsAnyElementsOf(oldChildren);
            // but it no longer accepts: every new connection gets the new key
            for (int i = 0; i < 5; i++) {
                assertThat(curlPinned(second).status()).isZero();
            }
        }
        assertThat(apache.gracefulRestarts()).isEqualTo(restarts + 1);
        assertThat(apache.parentPid()).isEqualTo(parent);
        assertThat(Await.until(apache::childPids, now -> now.stream().noneMatch(oldChildren::contains),
                Duration.ofSeconds(15))).isNotEmpty().doesNotContainAnyElementsOf(oldChildren);
    }

    @Test
    @Order(3)
    void theSameContentAgainIsNotReloaded() throws Exception {
        int restarts = apache.gracefulRestarts();
        Set<Long> children = apache.childPids();

        SwitchResult result = switchTo(releases.create(ReleaseContent.of(secondCert, pinHeaders())));

        assertThat(result.outcome()).isEqualTo(SwitchResult.Outcome.UNCHANGED);
        assertThat(apache.gracefulRestarts()).isEqualTo(restarts);
        assertThat(apache.childPids()).isEqualTo(children);
    }

    @Test
    @Order(4)
    void aConfigThatApacheRejectsKeepsThePreviousReleaseLive() throws Exception {
        Release before = releases.live().orElseThrow();
        int restarts = apache.gracefulRestarts();
        String config = Files.readString(apache.config());
        Files.writeString(apache.config(), "NoSuchDirective on\n", StandardOpenOption.APPEND);
        try {
            SwitchResult result = switchTo(releases.create(ReleaseContent.of(firstCert, pinHeaders())));

            assertThat(result.outcome()).isEqualTo(SwitchResult.Outcome.REJECTED);
            assertThat(result.reason()).contains("apache config test failed").contains("NoSuchDirective");
        } finally {
            Files.writeString(apache.config(), config);
        }
        assertThat(releases.live()).contains(before);
        assertThat(apache.gracefulRestarts()).isEqualTo(restarts);
        assertThat(curlPinned(second).status()).isZero();
    }

    /**
     * {@code apache2 -t} does not load certificates, and a graceful restart with a key that does not
     * match its certificate ends Apache: the reload says so at once, and the rollback finds no Apache
     * to reload (it does not start one). This is why every deployment runs {@link KeyMatchCheck} first.
     */
    @Test
    @Order(5)
    void aRestartThatEndsApacheIsReportedAndNothingIsStarted() throws Exception {
        Release mismatched = releases.create(ReleaseContent.of(
                new CertifiedKey(firstCert.chain(), second.getPrivate()), pinHeaders()));

        SwitchResult result = switchTo(mismatched);

        assertThat(result.outcome()).as(result.steps().toString()).isEqualTo(SwitchResult.Outcome.ROLLBACK_FAILED);
        assertThat(result.reason()).contains("exited on the reload").contains("Apache is not running");
        assertThat(apache.errorLog()).contains("do not match");
        assertThat(Await.until(apache::isAlive, alive -> !alive, Duration.ofSeconds(10))).isFalse();
    }
}
