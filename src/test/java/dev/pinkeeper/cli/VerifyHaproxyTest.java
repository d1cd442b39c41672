package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TestPki.Cert;
import dev.pinkeeper.testing.TlsNginx;

/** {@code pinkeeper verify} against a real HAProxy terminating TLS on 127.0.0.1 (headers set by http-after-response). */
class VerifyHaproxyTest {
    static final String HOST = "site.test";

    @TempDir
    static Path dir;

    static Cert root;
    static Cert leaf;
    static String backup;
    static Path trust;
    static Process haproxy;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        root = TestPki.root("HAProxy Root");
        Cert intermediate = TestPki.intermediate("HAProxy CA", root);
        leaf = TestPki.leaf(intermediate, HOST);
        backup = TestPki.builder("backup").issue().pin().base64();
        trust = TestPki.writePem(dir.resolve("root.pem"), root);
        Path key = TlsNginx.privateKey(dir.resolve("key.pem"), leaf);
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, leaf.pem() + intermediate.pem() + Files.readString(key));
        Files.setPosixFilePermissions(bundle, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        port = TlsNginx.freePort();
        String pkp = "pin-sha256=\"" + leaf.pin().base64() + "\"; pin-sha256=\"" + backup
                + "\"; max-age=2592000; report-uri=\"https://reports.example.test/\"";
        Path config = Files.writeString(dir.resolve("haproxy.cfg"), String.join("\n",
                "global",
                "  pidfile " + dir.resolve("haproxy.pid"),
                "defaults",
                "  mode http",
                "  timeout connect 5s",
                "  timeout client 10s",
                "  timeout server 10s",
                "frontend site",
                "  bind 127.0.0.1:" + port + " ssl crt " + bundle,
                "  http-after-response set-header Public-Key-Pins '" + pkp + "'",
                "  http-after-response set-header Strict-Transport-Security 'max-age=31536000'",
                "  http-request return status 200 content-type text/plain string ok",
                ""));
        haproxy = new ProcessBuilder("haproxy", "-db", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            assertThat(haproxy.isAlive()).as(() -> log()).isTrue();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                break;
            } catch (IOException e) {
                assertThat(System.nanoTime()).as("haproxy listens: " + log()).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    static String log() {
        try {
            return Files.readString(dir.resolve("haproxy.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (haproxy != null) {
            haproxy.destroy();
            if (!haproxy.waitFor(5, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    static Cli.Result verify(String... more) {
        List<String> args = new ArrayList<>(List.of("verify", "https://" + HOST + ":" + port + "/", "--connect-to",
                "127.0.0.1", "--trust", trust.toString(), "--json"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aPinnedHaproxySiteIsGoodAndMatchesThePlan() throws Exception {
        Cli.Result run = verify("--expect-pin", leaf.pin().base64() + "," + backup);

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        JsonNode node = new ObjectMapper().readTree(run.out());
        assertThat(node.get("chain").get("servedChain").get(0).get("pin").asText()).isEqualTo(leaf.pin().base64());
        assertThat(node.get("publicKeyPins").get(0).get("noted").asBoolean()).isTrue();
        assertThat(node.get("hsts").get("maxAge").asLong()).isEqualTo(31536000L);
    }

    @Test
    void aPlanWithAnotherBackupIsAMismatch() throws Exception {
        String otherBackup = TestPki.builder("other backup").issue().pin().base64();
        Cli.Result run = verify("--expect-pin", leaf.pin().base64() + "," + otherBackup);

        assertThat(run.code()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(run.out()).get("findings").get(0).get("code").asText())
                .isEqualTo("pins-differ");
    }
}
