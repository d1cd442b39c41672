package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.ChallTestSrv;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Nginx;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code issue --dry-run --test-ca}: the site's own CA (a pebble) is only read, while a second pebble, the
 * staging CA, really validates the site's http-01 webroot (served by a real nginx, names resolved by
 * challtestsrv) and issues a certificate that is checked and thrown away; the state tree is unchanged.
 */
class TestCaDryRunTest {
    private static final String SITE = "trial";
    private static final String HOST = "trial.pinkeeper.test";

    @TempDir
    static Path dir;
    static Path state;
    static Path webroot;
    static LocalPebble siteCa;
    static LocalPebble staging;
    static ChallTestSrv dns;
    static Nginx nginx;
    static List<String> siteCaOptions;

    @BeforeAll
    static void start() throws Exception {
        // nginx workers run as nobody: the path to the webroot must be traversable by others
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        state = dir.resolve("state");
        webroot = Files.createDirectories(dir.resolve("www"));
        siteCa = LocalPebble.start(dir.resolve("site-ca"), null, FreePorts.next());
        dns = ChallTestSrv.start(dir.resolve("challtestsrv"));
        int httpPort = FreePorts.next();
        staging = LocalPebble.start(dir.resolve("staging"), dns.dnsServer(), httpPort);
        nginx = Nginx.start(dir.resolve("nginx"), "server { listen 127.0.0.1:%d; root %s; }".formatted(httpPort, webroot),
                httpPort);
        Path root = siteCa.writeRoot(dir.resolve("site-root.pem"));
        siteCaOptions = List.of("--directory", siteCa.directoryUrl().toString(), "--acme-trust",
                siteCa.tlsCaFile().toString(), "--roots", root.toString());
        Cli.Result init = Cli.runWithState(state, "keys", "init", "--site", SITE, "--domain", HOST, "--current",
                "ec:p256", "--backup", "ec:p256,ec:p384");
        assertThat(init.code()).as(init.err()).isZero();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable running : new AutoCloseable[] {nginx, staging, dns, siteCa}) {
            try {
                if (running != null) {
                    running.close();
                }
            } catch (Exception e) {
                // the next one is still stopped
            }
        }
    }

    @Test
    void theStagingCaValidatesTheRealChallengeAndNothingIsKept() throws Exception {
        Map<String, String> before = FileSnapshot.of(state);
        Cli.Result dry = issue(webroot, "--dry-run", "--json", "--test-ca", staging.directoryUrl().toString(),
                "--test-ca-acme-trust", staging.tlsCaFile().toString());

        assertThat(dry.code()).as(dry.out() + dry.err()).isZero();
        JsonNode document = dry.json();
        assertThat(document.path("dryRun").asBoolean()).isTrue();
        JsonNode certificates = document.path("testCertificates");
        assertThat(certificates).hasSize(1);
        String key = certificates.get(0).path("key").asText();
        assertThat(Cli.runWithState(state, "keys", "list", "--site", SITE).out()).contains(key);
        // the staging CA really issued it (pebble knows the serial), after validating the webroot for real
        BigInteger serial = new BigInteger(certificates.get(0).path("serial").asText(), 16);
        assertThat(staging.certificateStatus(serial)).contains("Valid");
        assertThat(FileSnapshot.of(state)).as("the state tree after the dry run").isEqualTo(before);
        assertThat(document.path("issued")).as("nothing ordered from the site's CA").isEmpty();
        try (Stream<Path> left = Files.list(webroot.resolve(".well-known/acme-challenge"))) {
            assertThat(left).as("challenge responses removed").isEmpty();
        }
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> folders = Files.list(temporary)) {
            assertThat(folders.map(p -> p.getFileName().toString())).as("the throwaway test account is deleted")
                    .noneMatch(name -> name.startsWith("pinkeeper-test-ca-"));
        }
    }

    @Test
    void aWebrootTheServerDoesNotServeFailsTheDryRunAndChangesNothing() throws Exception {
        Path notServed = Files.createDirectories(dir.resolve("not-served"));
        Map<String, String> before = FileSnapshot.of(state);
        Cli.Result dry = issue(notServed, "--dry-run", "--test-ca", staging.directoryUrl().toString(),
                "--test-ca-acme-trust", staging.tlsCaFile().toString());

        assertThat(dry.code()).as(dry.out() + dry.err()).isEqualTo(1);
        assertThat(dry.err()).contains("http-01 validation of " + HOST + " failed");
        assertThat(FileSnapshot.of(state)).isEqualTo(before);
    }

    @Test
    void aProductionCaTheSiteCaOrNoDryRunIsRefusedBeforeAnything() {
        Map<String, String> before = FileSnapshot.of(state);
        Cli.Result production = issue(webroot, "--dry-run", "--test-ca", "letsencrypt");
        assertThat(production.code()).isEqualTo(2);
        assertThat(production.err()).contains("production CA");

        Cli.Result own = issue(webroot, "--dry-run", "--test-ca", siteCa.directoryUrl().toString());
        assertThat(own.code()).isEqualTo(2);
        assertThat(own.err()).contains("the site's primary CA");

        Cli.Result real = issue(webroot, "--test-ca", staging.directoryUrl().toString());
        assertThat(real.code()).isEqualTo(2);
        assertThat(real.err()).contains("only in a dry run");
        assertThat(FileSnapshot.of(state)).isEqualTo(before);
    }

    @Test
    void renewOrdersEachDueCertificateFromTheStagingCaOnlyInADryRun() throws Exception {
        String site = "trial-renew";
        Cli.Result init = Cli.runWithState(state, "keys", "init", "--simulated-clock", "--site", site, "--domain",
                "renew." + HOST, "--current", "ec:p256", "--backup", "ec:p256,ec:p384");
        assertThat(init.code()).as(init.err()).isZero();
        List<String> first = new ArrayList<>(List.of("issue", "--site", site, "--target", "none", "--webroot",
                webroot.toString()));
        first.addAll(siteCaOptions);
        Cli.Result issued = Cli.runWithState(state, first.toArray(String[]::new));
        assertThat(issued.code()).as(issued.out() + issued.err()).isZero();
        Map<String, String> before = FileSnapshot.of(state);
        String due = "2031-06-01T00:00:00Z"; // past two thirds of the certificate's lifetime

        Cli.Result dry = Cli.runWithState(state, "renew", "--site", site, "--at", due, "--dry-run", "--test-ca",
                staging.directoryUrl().toString(), "--test-ca-acme-trust", staging.tlsCaFile().toString());

        assertThat(dry.code()).as(dry.out() + dry.err()).isZero();
        // a rollover is due as well: its next key's certificate is tried at the test CA, not ordered at the site's
        assertThat(dry.out()).contains("would renew 1 certificate").contains("the test CA certified 1")
                .contains("would get a certificate for next key");
        assertThat(FileSnapshot.of(state)).isEqualTo(before);
        Cli.Result own = Cli.runWithState(state, "renew", "--site", site, "--at", due, "--dry-run", "--test-ca",
                siteCa.directoryUrl().toString());
        assertThat(own.code()).as(own.out() + own.err()).isEqualTo(2);
        assertThat(own.err()).contains("the site's primary CA");
        assertThat(FileSnapshot.of(state)).isEqualTo(before);
    }

    private static Cli.Result issue(Path root, String... more) {
        List<String> args = new ArrayList<>(List.of("issue", "--site", SITE, "--target", "none", "--webroot",
                root.toString()));
        args.addAll(siteCaOptions);
        args.addAll(List.of(more));
        return Cli.runWithState(state, args.toArray(String[]::new));
    }
}
