package dev.pinkeeper.deploy;

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

import dev.pinkeeper.pin.HeaderConfigLines;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Haproxy;
import dev.pinkeeper.testing.TlsClients;

/**
 * A real HAProxy whose frontend reads the headers from {@code live/headers-haproxy.map}
 * ({@link HeaderConfigLines#haproxyFromMap}): each deployment's reload sends that release's headers,
 * byte for byte, and a header the release does not have is not sent; a config without the map is refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HaproxyMapDeployTest {
    /** A report-uri with {@code %2F} (a log-format tag if HAProxy expanded it) and characters a config reader would take. */
    static final String REPORT_URI = "https://reports.pinkeeper.test/hpkp?site=shop%2Feu&x=%[src]%25\\n'#;";

    @TempDir
    static Path dir;
    static IssuedFixture ca;
    static Haproxy haproxy;
    static int port;
    static ReleaseStore store;
    static KeyPair key = dev.pinkeeper.testing.TestPki.ecKey();
    static KeyPair backup = dev.pinkeeper.testing.TestPki.ecKey();
    static CertifiedKey cert;
    static ServerTarget target;

    @BeforeAll
    static void start() throws Exception {
        ca = new IssuedFixture(dir);
        cert = ca.issue(key);
        store = new ReleaseStore(dir.resolve("site"));
        store.pointLiveAt(store.create(ReleaseContent.of(cert, List.of(new Header("Strict-Transport-Security", "max-age=60")))));
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

    static String pins(int maxAge) {
        return "pin-sha256=\"" + IssuedFixture.pin(key).base64() + "\"; pin-sha256=\"" + IssuedFixture.pin(backup).base64()
                + "\"; max-age=" + maxAge + "; report-uri=\"" + REPORT_URI + "\"";
    }

    static SwitchResult deploy(ServerTarget server, List<Header> headers) throws Exception {
        Release release = store.create(ReleaseContent.of(cert, headers));
        return ReleaseSwitch.builder(store, server).check(new PkixCheck(List.of(ca.pebble.root())))
                .probe(new TlsProbe("127.0.0.1", port, "localhost", Duration.ofSeconds(2)))
                .probeTimeout(Duration.ofSeconds(5)).build().switchTo(release);
    }

    /** The pinning and HSTS headers HAProxy sends now (lower-case names, as HAProxy sends them). */
    static Map<String, String> served() throws Exception {
        TlsClients.Result curl = TlsClients.curl("https://localhost:" + port + "/", ca.rootPem, List.of());
        assertThat(curl.status()).as(curl.output()).isZero();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : curl.output().split("\r?\n")) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon);
            if (HeaderConfigLines.HAPROXY_MAP_HEADERS.stream().anyMatch(name::equalsIgnoreCase)) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), line.substring(colon + 2));
            }
        }
        return headers;
    }

    @Test
    @Order(1)
    void reportOnlyIsSentExactlyAndPublicKeyPinsIsAbsent() throws Exception {
        assertThat(served()).containsExactly(Map.entry("strict-transport-security", "max-age=60"));

        SwitchResult result = deploy(target, List.of(new Header("Public-Key-Pins-Report-Only", pins(600)),
                new Header("Strict-Transport-Security", "max-age=600")));

        assertThat(result.outcome()).as(result.steps().toString()).isEqualTo(SwitchResult.Outcome.SWITCHED);
        assertThat(served()).containsOnly(Map.entry("public-key-pins-report-only", pins(600)),
                Map.entry("strict-transport-security", "max-age=600"));
    }

    @Test
    @Order(2)
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
    @Order(3)
    void aConfigWithCopiedLinesInsteadOfTheMapIsRefused() throws Exception {
        Release live = store.live().orElseThrow();
        Set<Long> workers = haproxy.workerPids();
        Map<String, String> before = served();
        Path copied = Files.writeString(dir.resolve("copied.cfg"), Files.readString(haproxy.config())
                .replace(Haproxy.headersFromMap(store.liveHaproxyMap()),
                        Files.readString(live.file(Release.HAPROXY_HEADERS)).indent(2)));
        assertThat(Files.readString(copied)).doesNotContain(Release.HAPROXY_MAP);

        SwitchResult result = deploy(ServerTargets.haproxyMasterSocket(copied, haproxy.masterSocket()),
                List.of(new Header("Public-Key-Pins", pins(7200))));

        assertThat(result.outcome()).isEqualTo(SwitchResult.Outcome.REJECTED);
        assertThat(result.reason()).doesNotContain("\n").contains(copied.toString())
                .contains(store.liveHaproxyMap().toString())
                .contains(HeaderConfigLines.haproxyFromMap(store.liveHaproxyMap()).get(0));
        assertThat(result.reloaded()).isFalse();
        assertThat(store.live()).contains(live);
        // no new worker: old ones of the previous reload may still be exiting
        assertThat(haproxy.workerPids()).isSubsetOf(workers);
        assertThat(served()).isEqualTo(before);
    }
}
