package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Haproxy;
import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TlsNginx;

/** {@code pinkeeper verify} against a real HAProxy terminating TLS on 127.0.0.1 (headers set by http-after-response). */
class VerifyHaproxyTest {
    @TempDir
    static Path dir;

    static VerifySite site;
    static Haproxy haproxy;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        site = VerifySite.issue(dir, "HAProxy");
        Path key = TlsNginx.privateKey(dir.resolve("key.pem"), site.leaf());
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, site.leaf().pem() + site.intermediate().pem() + Files.readString(key));
        Files.setPosixFilePermissions(bundle, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        port = FreePorts.next();
        haproxy = Haproxy.start(dir.resolve("haproxy"), String.join("\n",
                "frontend site",
                "  bind 127.0.0.1:" + port + " ssl crt " + bundle,
                "  http-after-response set-header Public-Key-Pins '" + site.pkpHeader(2592000) + "'",
                "  http-after-response set-header Strict-Transport-Security 'max-age=31536000'",
                "  http-request return status 200 content-type text/plain string ok"), port);
    }

    @AfterAll
    static void stop() {
        if (haproxy != null) {
            haproxy.close();
        }
    }

    static Cli.Result verify(String... more) {
        List<String> args = new ArrayList<>(List.of("--json"));
        args.addAll(List.of(more));
        return site.verify(port, args.toArray(String[]::new));
    }

    @Test
    void aPinnedHaproxySiteIsGoodAndMatchesThePlan() throws Exception {
        Cli.Result run = verify("--expect-pin", site.leaf().pin().base64() + "," + site.backup());

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        JsonNode node = new ObjectMapper().readTree(run.out());
        assertThat(node.get("chain").get("servedChain").get(0).get("pin").asText()).isEqualTo(site.leaf().pin().base64());
        assertThat(node.get("publicKeyPins").get(0).get("noted").asBoolean()).isTrue();
        assertThat(node.get("hsts").get("maxAge").asLong()).isEqualTo(31536000L);
    }

    @Test
    void aPlanWithAnotherBackupIsAMismatch() throws Exception {
        String otherBackup = TestPki.builder("other backup").issue().pin().base64();
        Cli.Result run = verify("--expect-pin", site.leaf().pin().base64() + "," + otherBackup);

        assertThat(run.code()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(run.out()).get("findings").get(0).get("code").asText())
                .isEqualTo("pins-differ");
    }
}
