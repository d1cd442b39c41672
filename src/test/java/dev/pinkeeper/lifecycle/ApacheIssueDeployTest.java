package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.deploy.ReleaseStore;
import dev.pinkeeper.deploy.TlsProbe;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Apache;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.TlsClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pinkeeper issue} (pebble) and {@code pinkeeper deploy --target apache} on a real Apache httpd on
 * 127.0.0.1 that includes the release's fullchain, key and {@code headers-apache.conf}: checked by
 * {@code pinkeeper verify} and curl {@code --pinnedpubkey}; a planned rollover switches the served key
 * through a graceful restart; a config Apache rejects keeps the previous release; a missing server
 * program is one line on stderr and exit 2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApacheIssueDeployTest {
    private static final String SITE = "shop";
    private static final String HOST = "shop.pinkeeper.test";
    /** A report-uri with a percent-escape, which the Apache snippet must double. */
    private static final String REPORT_URI = "https://reports.pinkeeper.test/hpkp?site=shop%2Feu";

    @TempDir
    static Path dir;
    @AutoClose
    static LocalPebble pebble;
    @AutoClose
    static Apache apache;
    static Path state;
    static Path root;
    static int port;

    @BeforeAll
    static void issueAndStartApache() throws Exception {
        pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next());
        root = pebble.writeRoot(dir.resolve("root.pem"));
        state = dir.resolve("state");
        assertThat(cli("keys", "init", "--site", SITE, "--domain", HOST, "--backup", "rsa:2048,ec:p256").code()).isZero();
        Cli.Result issued = cli("issue", "--site", SITE, "--directory", pebble.directoryUrl().toString(),
                "--acme-trust", pebble.tlsCaFile().toString(), "--roots", root.toString(),
                "--webroot", Files.createDirectories(dir.resolve("www")).toString(), "--target", "none", "--report-uri", REPORT_URI);
        assertThat(issued.code()).as(issued.out() + issued.err()).isZero();
        port = FreePorts.next();
        apache = Apache.servingRelease(dir.resolve("apache"), port, liveLink(), HOST);
    }

    @Test
    @Order(1)
    void deploysToApacheAndVerifyAndCurlAcceptThePins() throws Exception {
        int restarts = apache.gracefulRestarts();
        Cli.Result deployed = cli("deploy", "--site", SITE, "--target", "apache",
                "--apache-conf", apache.config().toString(), "--probe", "127.0.0.1:" + port);
        assertThat(deployed.code()).as(deployed.out() + deployed.err()).isZero();
        assertThat(deployed.out()).contains("apache reloaded");
        assertThat(apache.gracefulRestarts()).isEqualTo(restarts + 1);

        SiteInventory keys = keys();
        List<String> verify = new ArrayList<>(List.of("verify", "--connect-to", "127.0.0.1", "--trust", root.toString(),
                "https://" + HOST + ":" + port + "/"));
        keys.pins().forEach(pin -> verify.add("--expect-pin=" + pin.base64()));
        Cli.Result verified = Cli.run(verify.toArray(String[]::new));
        assertThat(verified.code()).as(verified.out() + verified.err()).isZero();

        TlsClients.Result curl = curl(keys.current().get(0).pin());
        assertThat(curl.status()).as(curl.output()).isZero();
        assertThat(curl.output()).contains("Public-Key-Pins-Report-Only: ")
                .contains("report-uri=\"" + REPORT_URI + "\"")
                .contains("Strict-Transport-Security: max-age=31536000");
        assertThat(curl(keys.backups().get(0).pin()).status()).as("curl checks the leaf's key").isEqualTo(90);
    }

    @Test
    @Order(2)
    void aPlannedRolloverIsServedAfterAGracefulRestart() throws Exception {
        SiteInventory keys = keys();
        Pin current = keys.current().get(0).pin();
        Pin next = keys.nextFor(keys.current().get(0).id()).orElseThrow().pin();
        long parent = apache.parentPid();
        Instant later = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);

        Cli.Result rolled = cli("issue", "--site", SITE, "--rollover", "--at", later.toString());

        assertThat(rolled.code()).as(rolled.out() + rolled.err()).isZero();
        assertThat(rolled.out()).contains("rollover:").contains("apache reloaded");
        assertThat(served()).isEqualTo(next);
        assertThat(curl(next).status()).isZero();
        assertThat(curl(current).status()).isEqualTo(90);
        assertThat(apache.parentPid()).as("a graceful restart keeps the parent").isEqualTo(parent);
    }

    @Test
    @Order(3)
    void aConfigApacheRejectsKeepsThePreviousReleaseServed() throws Exception {
        Path liveBefore = Files.readSymbolicLink(liveLink());
        Pin servedBefore = served();
        int restarts = apache.gracefulRestarts();
        String config = Files.readString(apache.config());
        Files.writeString(apache.config(), "NoSuchDirective on\n", StandardOpenOption.APPEND);
        Cli.Result refused;
        try {
            refused = cli("deploy", "--site", SITE);
        } finally {
            Files.writeString(apache.config(), config);
        }

        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.out()).contains("apache config test failed").contains("NoSuchDirective")
                .contains("(restored)");
        assertThat(Files.readSymbolicLink(liveLink())).isEqualTo(liveBefore);
        assertThat(apache.gracefulRestarts()).isEqualTo(restarts);
        assertThat(served()).isEqualTo(servedBefore);
    }

    @Test
    @Order(4)
    void aMissingServerProgramIsOneLineNamingItAndExit2() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("no-programs"));
        int releases = releases();
        System.setProperty(Programs.PATH_PROPERTY, empty.toString());
        try {
            Cli.Result apache2 = cli("deploy", "--site", SITE);
            Cli.Result haproxy = cli("deploy", "--site", SITE, "--target", "haproxy", "--haproxy-cfg",
                    dir.resolve("haproxy.cfg").toString(), "--haproxy-pid-file", dir.resolve("haproxy.pid").toString());

            assertThat(apache2.code()).isEqualTo(2);
            assertThat(apache2.errLines()).hasSize(1);
            assertThat(apache2.err()).contains("apache2 not found").contains("apache2");
            assertThat(haproxy.code()).isEqualTo(2);
            assertThat(haproxy.errLines()).hasSize(1);
            assertThat(haproxy.err()).contains("haproxy not found");
        } finally {
            System.clearProperty(Programs.PATH_PROPERTY);
        }
        assertThat(releases()).as("nothing was written").isEqualTo(releases);
    }

    private static Cli.Result cli(String... args) {
        return Cli.runWithState(state, args);
    }

    private static Path liveLink() {
        return state.resolve("sites").resolve(SITE).resolve("deploy").resolve("live");
    }

    private static SiteInventory keys() throws Exception {
        return new KeyInventory(new StateDirectory(state)).load(SITE);
    }

    private static Pin served() throws Exception {
        return new TlsProbe("127.0.0.1", port, HOST, Duration.ofSeconds(5)).servedLeafPin();
    }

    private static TlsClients.Result curl(Pin pin) throws Exception {
        return TlsClients.curl("https://" + HOST + ":" + port + "/", root, List.of(pin.base64()),
                "--resolve", HOST + ":" + port + ":127.0.0.1");
    }

    private static int releases() throws Exception {
        return new ReleaseStore(new KeyInventory(new StateDirectory(state)).layout(SITE).releases()).releases().size();
    }
}
