package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Pebble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
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
 * {@code pinkeeper issue} checks every option, and reaches the CA's directory, before anything is
 * written: each bad value exits 2 with one line naming its option and leaves the state tree (acme.json
 * included) as it was, so the saved settings, which work with a real pebble CA, keep working; and
 * {@code --clear} forgets saved settings, saved only once a certificate was issued without them.
 */
class IssueChecksTest {
    private static final String SITE = "acme";
    private static final String HOST = "acme.pinkeeper.test";

    @TempDir
    static Path dir;
    static Path state;
    static Pebble pebble;
    static Path root;
    static Path webroot;
    static Path hook;
    static Path binary;

    @BeforeAll
    static void savedSettingsThatWork() throws Exception {
        state = dir.resolve("state");
        pebble = Pebble.start(dir.resolve("pebble"), Pebble.Options.alwaysValid());
        root = pebble.writeRoot(dir.resolve("root.pem"));
        webroot = Files.createDirectories(dir.resolve("www"));
        hook = Files.writeString(dir.resolve("hook.sh"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
        byte[] noise = new byte[512];
        new SecureRandom().nextBytes(noise);
        binary = Files.write(dir.resolve("binary.der"), noise);
        Cli.Result init = cli("keys", "init", "--site", SITE, "--domain", HOST, "--backup", "rsa:2048,ec:p256");
        assertThat(init.code()).as(init.err()).isZero();
        SiteLayout paths = new KeyInventory(new StateDirectory(state)).layout(SITE);
        new SiteSettingsStore(paths).updateAcme(new AcmeSettings(new CaSettings(pebble.directoryUrl().toString(),
                pebble.tlsCaFile().toString(), root.toString()), null, "http-01", webroot.toString(), null, 8080,
                hook.toString(), List.of("ops@pinkeeper.test")));
    }

    @AfterAll
    static void stop() {
        if (pebble != null) {
            pebble.close();
        }
    }

    static Stream<Arguments> badOptions() {
        String unreachable = "https://127.0.0.1:" + FreePorts.next() + "/dir";
        Path missing = dir.resolve("missing");
        return Stream.of(
                Arguments.of("--email", List.of("--email", "a@b.c\r\nX: y")),
                Arguments.of("--email", List.of("--email", "not an address")),
                Arguments.of("--directory", List.of("--directory", unreachable)),
                Arguments.of("--directory", List.of("--directory", "ftp://ca.pinkeeper.test/dir")),
                Arguments.of("--acme-trust", List.of("--acme-trust", binary.toString())),
                Arguments.of("--roots", List.of("--roots", dir.toString())),
                Arguments.of("--roots", List.of("--roots", binary.toString())),
                Arguments.of("--webroot", List.of("--webroot", missing.toString())),
                Arguments.of("--dns-hook", List.of("--challenge", "dns-01", "--dns-hook", missing.toString())),
                Arguments.of("--dns-hook", List.of("--challenge", "dns-01", "--clear", "dns-hook")),
                Arguments.of("--standalone-port", List.of("--standalone-port", "70000")),
                Arguments.of("--standalone-address", List.of("--standalone-address", "no such address")),
                Arguments.of("--challenge", List.of("--challenge", "tls-alpn-01")),
                Arguments.of("--backup-directory", List.of("--ca", "backup")),
                Arguments.of("--standalone-port", List.of("--standalone-port", "8081", "--clear", "standalone-port")),
                Arguments.of("--clear", List.of("--clear", "nonsense")),
                Arguments.of("--rollover", List.of("--rollover", "--emergency", "backup-1")),
                Arguments.of("--probe", List.of("--probe", "127.0.0.1:99999")),
                Arguments.of("--at", List.of("--at", "2207-01-17T00:00:00Z")),
                Arguments.of("nosuch", List.of("--key", "nosuch")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badOptions")
    void aBadOptionExitsTwoAndSavesNothing(String named, List<String> options) {
        List<String> args = new ArrayList<>(List.of("issue", "--site", SITE));
        args.addAll(options);

        Cli.usageErrorChangingNothing(state, named, args.toArray(String[]::new));
    }

    @Test
    void clearForgetsSavedSettingsOnceACertificateWasIssuedWithoutThem() throws Exception {
        SiteSettingsStore store = new SiteSettingsStore(new KeyInventory(new StateDirectory(state)).layout(SITE));
        assertThat(store.acme().standalonePort()).isEqualTo(8080);

        Cli.Result issued = cli("issue", "--site", SITE, "--no-deploy", "--clear", "standalone-port",
                "--clear", "dns-hook", "--email", "pki@pinkeeper.test");

        assertThat(issued.code()).as(issued.out() + issued.err()).isZero();
        assertThat(issued.out()).contains("issued: current key");
        AcmeSettings saved = store.acme();
        assertThat(saved.standalonePort()).isNull();
        assertThat(saved.dnsHook()).isNull();
        assertThat(saved.contacts()).containsExactly("pki@pinkeeper.test");
        assertThat(saved.webroot()).isEqualTo(webroot.toString());
        assertThat(saved.primary().directory()).isEqualTo(pebble.directoryUrl().toString());
    }

    static Cli.Result cli(String... args) {
        return Cli.runWithState(state, args);
    }
}
