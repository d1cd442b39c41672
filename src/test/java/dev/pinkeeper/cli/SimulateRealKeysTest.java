package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pinkeeper.testing.Cli;

/**
 * End to end with real keys: openssl makes the keys, pinkeeper's reader computes their pins (checked
 * against openssl's own SPKI digest), and {@code pinkeeper simulate} judges a history built from them.
 */
class SimulateRealKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aHistoryOfRealKeysIsJudgedByTheirPins() throws Exception {
        String current = pinOf(newKey("current"));
        String next = pinOf(newKey("next"));
        String backup = pinOf(newKey("backup"));
        String stranger = pinOf(newKey("stranger"));

        String history = """
                {"pins": {"current": "%s", "next": "%s", "backup": "%s", "stranger": "%s"},
                 "hosts": {"example.com": [
                   {"from": "2026-01-01T00:00:00Z", "until": "2026-04-01T00:00:00Z",
                    "headers": [{"maxAge": "P60D", "pins": ["current", "next", "backup"]}], "chains": [["current"]]},
                   {"from": "2026-04-01T00:00:00Z",
                    "headers": [{"maxAge": "P60D", "pins": ["%s", "backup"]}], "chains": [["%s"]]}
                 ]}}
                """;
        Path safe = dir.resolve("safe.json");
        Files.writeString(safe, history.formatted(current, next, backup, stranger, "next", "next"));
        Path unsafe = dir.resolve("unsafe.json");
        Files.writeString(unsafe, history.formatted(current, next, backup, stranger, "stranger", "stranger"));

        assertThat(Cli.run("simulate", safe.toString()).code()).isZero();
        Cli.Result refused = Cli.run("simulate", "--json", unsafe.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(JSON.readTree(refused.out()).get("lockouts").get(0).get("chain").get("pins").get(0).asText())
                .isEqualTo(stranger);
    }

    private Path newKey(String name) throws Exception {
        Path key = dir.resolve(name + ".pem");
        run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
        return key;
    }

    /** The pin by pinkeeper, after checking it against openssl's digest of the same SPKI. */
    private String pinOf(Path key) throws Exception {
        Path der = dir.resolve(key.getFileName() + ".spki.der");
        run("openssl", "pkey", "-in", key.toString(), "-pubout", "-outform", "DER", "-out", der.toString());
        Path digest = dir.resolve(key.getFileName() + ".sha256");
        run("openssl", "dgst", "-sha256", "-binary", "-out", digest.toString(), der.toString());
        String expected = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(digest));

        java.util.List<dev.pinkeeper.read.KeyMaterial> found = new java.util.ArrayList<>();
        try (java.io.InputStream in = Files.newInputStream(key)) {
            new dev.pinkeeper.read.KeyMaterialReader(null).read(in, found::add);
        }
        assertThat(found).singleElement().satisfies(m -> assertThat(m.pin().base64()).isEqualTo(expected));
        return expected;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
