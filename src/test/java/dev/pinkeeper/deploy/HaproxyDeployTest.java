package dev.pinkeeper.deploy;

import dev.pinkeeper.server.ServerTarget;
import dev.pinkeeper.server.ServerException;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import dev.pinkeeper.testing.Haproxy;
import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TlsClients;

/**
 * Releases switched on a real HAProxy (master-worker, reloaded through its master CLI socket)
 * serving pebble-issued certificates from the release's {@code haproxy.pem} bundle, and the headers
 * of {@code live/headers-haproxy.map} ({@link dev.pinkeeper.server.Haproxy#linesReadingMap}): each deployment's
 * reload sends that release's headers byte for byte, a header the release lacks is not sent, and a
 * config without the map is refused.
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
        target = dev.pinkeeper.server.Haproxy.masterSocketTarget(haproxy.config(), haproxy.masterSocket());
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

    /** A report-uri with {@code %2F} (a log-format tag if HAProxy expanded it) and characters a config reader would take. */
    static final String MAP_REPORT_URI = "https://reports.pinkeeper.test/hpkp?site=shop%2Feu&x=%[src]%25\\n'#;";

    static String pins(int maxAge) {
        return "pin-sha256=\"" + IssuedFixture.pin(keyB).base64() + "\"; pin-sha256=\"" + IssuedFixture.pin(keyA).base64()
                + "\"; max-age=" + maxAge + "; report-uri=\"" + MAP_REPORT_URI + "\"";
    }

    static SwitchResult deploy(ServerTarget server, List<Header> headers) throws Exception {
        return switcher(server).build().deploy(ReleaseContent.of(certB, headers));
    }

    /** The pinning and HSTS headers HAProxy sends now (lower-case names, as HAProxy sends them). */
    static Map<String, String> served() throws Exception {
        TlsClients.Result curl = TlsClients.curl("https://localhost:" + port + "/", ca.rootPem, List.of());
        assertThat(curl.status()).as(curl.output()).isZero();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : curl.output().split("\r?\n")) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon);
            if (dev.pinkeeper.server.Haproxy.MAP_HEADERS.stream().anyMatch(name::equalsIgnoreCase)) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), line.substring(colon + 2));
            }
        }
        return headers;
    }

    @Test
    @Order(6)
    void reportOnlyIsSentExactlyAndPublicKeyPinsIsAbsent() throws Exception {
        assertThat(served()).containsKey("public-key-pins");

        SwitchResult result = deploy(target, List.of(new Header("Public-Key-Pins-Report-Only", pins(600)),
                new Header("Strict-Transport-Security", "max-age=600")));

        assertThat(result.outcome()).as(result.steps().toString()).isEqualTo(SwitchResult.Outcome.SWITCHED);
        assertThat(served()).containsOnly(Map.entry("public-key-pins-report-only", pins(600)),
                Map.entry("strict-transport-security", "max-age=600"));
    }

    @Test
    @Order(7)
    void aRampStepIsServedAfterTheReload() throws Exception {
        Map<String, String> before = served();

        SwitchResult result = deploy(target, List.of(new Header("Public-Key-Pins", pins(3600)),
                new Header("Strict-Transport-Security", "max-age=3600")));

        assertThat(result.outcome()).as(result.steps().toString()).isEqualTo(SwitchResult.Outcome.SWITCHED);
        // lines copied from the first release into haproxy.cfg would still send `before`
        assertThat(before).doesNotContainEntry("public-key-pins", pins(3600));
        assertThat(served()).containsOnly(Map.entry("public-key-pins", pins(3600)),
                Map.entry("strict-transport-security", "max-age=3600"));
        assertThat(Files.readString(store.liveHaproxyMap())).contains("Public-Key-Pins " + pins(3600) + "\n");
    }

    @Test
    @Order(8)
    void aConfigWithCopiedLinesInsteadOfTheMapIsRefused() throws Exception {
        Release live = store.live().orElseThrow();
        Set<Long> workers = haproxy.workerPids();
        Map<String, String> before = served();
        List<Release> releases = store.releases();
        Map<String, String> files = FileSnapshot.of(store.siteDirectory().resolve("releases"));
        Path copied = Files.writeString(dir.resolve("copied.cfg"), Files.readString(haproxy.config())
                .replace(Haproxy.headersFromMap(store.liveHaproxyMap()),
                        Files.readString(live.file(Release.HAPROXY_HEADERS)).indent(2)));
        assertThat(Files.readString(copied)).doesNotContain(Release.HAPROXY_MAP);

        SwitchResult result = deploy(dev.pinkeeper.server.Haproxy.masterSocketTarget(copied, haproxy.masterSocket()),
                List.of(new Header("Public-Key-Pins", pins(7200))));

        assertThat(result.outcome()).isEqualTo(SwitchResult.Outcome.REJECTED);
        assertThat(result.reason()).doesNotContain("\n").contains(copied.toString())
                .contains(store.liveHaproxyMap().toString())
                .contains(dev.pinkeeper.server.Haproxy.linesReadingMap(store.liveHaproxyMap()).get(0));
        assertThat(result.reloaded()).isFalse();
        assertThat(store.live()).contains(live);
        // refused before a release was written: the releases are exactly as before
        assertThat(result.release()).isNull();
        assertThat(store.releases()).isEqualTo(releases);
        assertThat(FileSnapshot.of(store.siteDirectory().resolve("releases"))).isEqualTo(files);
        // no new worker: old ones of the previous reload may still be exiting
        assertThat(haproxy.workerPids()).isSubsetOf(workers);
        assertThat(served()).isEqualTo(before);
    }

    @Test
    @Order(9)
    void aValueNginxCannotSendIsServedByHaproxy() throws Exception {
        // nginx has no escape for '$': only a deployment to nginx refuses it, HAProxy's map carries it byte for byte
        String value = pins(3600).replace("report-uri=\"" + MAP_REPORT_URI,
                "report-uri=\"https://reports.pinkeeper.test/a$host");
        assertThat(value).contains("$host");

        SwitchResult result = deploy(target, List.of(new Header("Public-Key-Pins", value)));

        assertThat(result.outcome()).as(result.steps().toString()).isEqualTo(SwitchResult.Outcome.SWITCHED);
        assertThat(served()).containsOnly(Map.entry("public-key-pins", value));
        assertThat(Files.readString(store.live().orElseThrow().file(Release.NGINX_HEADERS)))
                .contains("pinkeeper_cannot_send_the_headers_of_this_release;");
    }
}
