package dev.pinkeeper.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.testing.ChallTestSrv;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Nginx;
import dev.pinkeeper.testing.Pebble;
import dev.pinkeeper.testing.TestPki;

/**
 * Real challenge validation: pebble resolves names through pebble-challtestsrv (everything is
 * 127.0.0.1) and fetches http-01 responses from port {@link #httpPort}, reads dns-01 TXT records
 * that the hook script set through challtestsrv's management API.
 */
class ChallengeValidationTest {
    @TempDir
    static Path dir;
    static ChallTestSrv dns;
    static Pebble pebble;
    static int httpPort;
    static Issuer issuer;

    @BeforeAll
    static void start() {
        dns = ChallTestSrv.start(dir.resolve("challtestsrv"));
        httpPort = FreePorts.next();
        pebble = Pebble.start(dir.resolve("pebble"), Pebble.Options.realValidation(dns.dnsServer(), httpPort));
        issuer = new Issuer(IssuerSettings.of(pebble.directoryUrl(), dir.resolve("account"))
                .withTrustedCa(pebble.tlsCaFile()));
    }

    @AfterAll
    static void stop() {
        if (pebble != null) {
            pebble.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void http01WebrootServedByNginx() throws Exception {
        // nginx workers run as nobody: the path to the webroot must be traversable by others
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path webroot = Files.createDirectories(dir.resolve("www"));
        KeyPair key = TestPki.ecKey();
        try (Nginx nginx = Nginx.start(dir.resolve("nginx"),
                "server { listen 127.0.0.1:%d; root %s; }".formatted(httpPort, webroot), httpPort)) {
            IssuedCertificate cert = issuer.issue(key, List.of("web.pinkeeper.test", "www.web.pinkeeper.test"),
                    new Http01Webroot(webroot));
            assertThat(cert.leafPin()).isEqualTo(Pin.ofSpki(key.getPublic().getEncoded()));
        }
        try (var left = Files.list(webroot.resolve(".well-known/acme-challenge"))) {
            assertThat(left).as("challenge files removed").isEmpty();
        }
    }

    @Test
    void http01FailsWhenTheWebrootIsNotServed() {
        Path notServed = dir.resolve("not-served");
        // nothing listens on the http-01 port: pebble's request fails, so validation is real
        assertThatThrownBy(() -> issuer.issue(TestPki.ecKey(), List.of("nobody.pinkeeper.test"),
                new Http01Webroot(notServed)))
                .isInstanceOf(IssuanceException.class)
                .hasMessageContaining("http-01 validation of nobody.pinkeeper.test failed");
    }

    @Test
    void http01StandaloneListener() throws Exception {
        KeyPair key = TestPki.rsaKey();
        Http01Standalone solver = new Http01Standalone(new InetSocketAddress("127.0.0.1", httpPort));
        IssuedCertificate cert;
        try (solver) {
            cert = issuer.issue(key, List.of("standalone.pinkeeper.test"), solver);
        }
        assertThat(cert.leafPin()).isEqualTo(Pin.ofSpki(key.getPublic().getEncoded()));
        // closed: the port is free again
        try (var socket = new java.net.ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", httpPort));
        }
    }

    @Test
    void dns01HookIncludingAWildcard() throws Exception {
        Path hook = dir.resolve("dns-hook.sh");
        Path calls = dir.resolve("hook-calls.txt");
        Files.writeString(hook, """
                #!/bin/sh
                # usage: dns-hook.sh add|remove DOMAIN TXT_VALUE
                set -e
                echo "$1 $2 $PINKEEPER_DNS_RECORD" >> %s
                case "$1" in
                  add) curl -sf -d "{\\"host\\":\\"_acme-challenge.$2.\\",\\"value\\":\\"$3\\"}" %s/set-txt ;;
                  remove) curl -sf -d "{\\"host\\":\\"_acme-challenge.$2.\\"}" %s/clear-txt ;;
                  *) echo "unknown action $1" >&2; exit 2 ;;
                esac
                """.formatted(calls, dns.managementUrl(), dns.managementUrl()));
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
        KeyPair key = TestPki.ecKey();

        IssuedCertificate cert = issuer.issue(key, List.of("dns.pinkeeper.test", "*.dns.pinkeeper.test"),
                new Dns01Hook(hook, Duration.ofSeconds(30)));

        assertThat(cert.leafPin()).isEqualTo(Pin.ofSpki(key.getPublic().getEncoded()));
        assertThat(cert.leaf().getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1))
                .containsExactlyInAnyOrder("dns.pinkeeper.test", "*.dns.pinkeeper.test");
        assertThat(Files.readAllLines(calls)).contains(
                "add dns.pinkeeper.test _acme-challenge.dns.pinkeeper.test.",
                "remove dns.pinkeeper.test _acme-challenge.dns.pinkeeper.test.");
    }

    @Test
    void dns01HookFailureIsReported() throws Exception {
        Path hook = dir.resolve("failing-hook.sh");
        Files.writeString(hook, "#!/bin/sh\necho 'no API token for the DNS provider' >&2\nexit 3\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(() -> issuer.issue(TestPki.ecKey(), List.of("hookfail.pinkeeper.test"),
                new Dns01Hook(hook, Duration.ofSeconds(10))))
                .isInstanceOf(IssuanceException.class)
                .hasMessageContaining("exited with status 3")
                .hasMessageContaining("no API token for the DNS provider");
    }
}
