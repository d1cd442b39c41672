package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Nginx;
import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TlsClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import dev.pinkeeper.site.SiteLayout;

/**
 * {@code pinkeeper deploy} checks every option before anything is written or the server touched: on a
 * site served by a real nginx (127.0.0.1), each bad option exits 2 with one line naming it, and the
 * state tree, the headers nginx serves and its reload count stay as they were; a good deploy still
 * works afterwards with the saved settings.
 */
class DeployChecksTest {
    private static final String SITE = "checked";
    private static final String HOST = "checked.pinkeeper.test";

    @TempDir
    static Path dir;
    static Path state;
    static Path root;
    static Nginx nginx;
    static int port;

    @BeforeAll
    static void deployToNginx() throws Exception {
        state = dir.resolve("state");
        Cli.Result init = cli("keys", "init", "--site", SITE, "--domain", HOST, "--backup", "rsa:2048,ec:p256");
        assertThat(init.code()).as(init.err()).isZero();
        KeyInventory inventory = new KeyInventory(new StateDirectory(state));
        TestPki.Cert ca = TestPki.root("Checked Root");
        root = TestPki.writePem(dir.resolve("root.pem"), ca);
        SiteLayout paths = inventory.layout(SITE);
        KeyEntry current = inventory.load(SITE).current().get(0);
        TestPki.Cert leaf = TestPki.builder(HOST).issuer(ca).dns(HOST).keyPair(inventory.keyPair(SITE, current)).issue();
        Files.createDirectories(paths.certificate(current.id()).getParent());
        TestPki.writePem(paths.certificate(current.id()), leaf);
        new SiteSettingsStore(paths).updateAcme(new AcmeSettings(new CaSettings(null, null, root.toString()), null,
                null, null, null, null, null, List.of()));
        Cli.Result first = cli("deploy", "--site", SITE, "--target", "none");
        assertThat(first.code()).as(first.out() + first.err()).isZero();

        port = FreePorts.next();
        Path live = state.resolve("sites").resolve(SITE).resolve("deploy").resolve("live");
        nginx = Nginx.servingRelease(dir.resolve("nginx"), port, live);
        List<String> deploy = new ArrayList<>(List.of("deploy", "--site", SITE, "--probe", "127.0.0.1:" + port));
        deploy.addAll(nginx.deployOptions());
        Cli.Result deployed = cli(deploy.toArray(String[]::new));
        assertThat(deployed.code()).as(deployed.out() + deployed.err()).isZero();
        assertThat(servedHeaders()).anyMatch(h -> h.startsWith("strict-transport-security:"))
                .anyMatch(h -> h.startsWith("public-key-pins-report-only:"));
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
    }

    static Stream<Arguments> badOptions() {
        Path missing = dir.resolve("no-such-file.conf");
        return Stream.of(
                Arguments.of("--probe", List.of("--probe", "127.0.0.1:99999")),
                Arguments.of("--probe", List.of("--no-hsts", "--probe", "127.0.0.1:99999")),
                Arguments.of("--probe", List.of("--probe", "127.0.0.1")),
                Arguments.of("--probe", List.of("--probe", ":443")),
                Arguments.of("--probe", List.of("--probe", "127.0.0.1:0")),
                Arguments.of("--server-name", List.of("--server-name", "bad\u0001")),
                Arguments.of("--server-name", List.of("--no-hsts", "--server-name", "bad name")),
                Arguments.of("--nginx-conf", List.of("--nginx-conf", missing.toString())),
                Arguments.of("--nginx-conf", List.of("--no-hsts", "--nginx-conf", dir.toString())),
                Arguments.of("--nginx-option", List.of("--nginx-option", "-g\u0001")),
                Arguments.of("--no-hsts", List.of("--hsts", "--no-hsts")),
                Arguments.of("--hsts-preload", List.of("--no-hsts", "--hsts-preload")),
                Arguments.of("--report-uri", List.of("--report-uri", "https://r.test/a$host")),
                Arguments.of("--haproxy-pid-file", List.of("--target", "haproxy", "--haproxy-cfg", root.toString())),
                Arguments.of("--apache-conf", List.of("--target", "apache", "--apache-conf", missing.toString())),
                Arguments.of("--fullchain", List.of("--fullchain", dir.toString(), "--privkey", root.toString())),
                Arguments.of("--privkey", List.of("--fullchain", root.toString())));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badOptions")
    void aBadOptionChangesNothing(String option, List<String> options) throws Exception {
        List<String> served = servedHeaders();
        int reloads = nginx.reloadCount();
        List<String> args = new ArrayList<>(List.of("deploy", "--site", SITE));
        args.addAll(options);

        Cli.usageErrorChangingNothing(state, option, args.toArray(String[]::new));

        assertThat(nginx.reloadCount()).isEqualTo(reloads);
        assertThat(servedHeaders()).isEqualTo(served);
    }

    @Test
    void theSavedSettingsStillDeployAfterTheRefusals() {
        Cli.Result again = cli("deploy", "--site", SITE);
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("content unchanged, no reload");
    }

    /** The pin and HSTS headers nginx serves, lower-cased. */
    static List<String> servedHeaders() throws Exception {
        TlsClients.Result curl = TlsClients.curl("https://" + HOST + ":" + port + "/", root, List.of(),
                "--resolve", HOST + ":" + port + ":127.0.0.1");
        assertThat(curl.status()).as(curl.output()).isZero();
        return curl.output().lines().map(line -> line.strip().toLowerCase(Locale.ROOT))
                .filter(line -> line.startsWith("public-key-pins") || line.startsWith("strict-transport-security"))
                .sorted().toList();
    }

    static Cli.Result cli(String... args) {
        return Cli.runWithState(state, args);
    }
}
