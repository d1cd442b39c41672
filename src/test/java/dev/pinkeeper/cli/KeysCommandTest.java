package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.Cli.Result;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.Processes;
import dev.pinkeeper.testing.QrScanner;

/** {@code pinkeeper keys …} end to end through the command line (EC keys only, to stay fast). */
class KeysCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static String state;

    @TempDir
    Path temp;

    @BeforeAll
    static void initSite() {
        state = shared.resolve("state").toString();
        Result init = Cli.run("keys", "init", "--state", state, "--site", "web", "--domain", "web.example",
                "--domain", "WWW.web.example", "--domain", "api.web.example", "--backup", "ec:p256", "--backup", "ec:p384");
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.err()).contains("warning: all backup keys are of one family");
    }

    static JsonNode list(String... extra) throws Exception {
        String[] args = concat(new String[] {"keys", "list", "--state", state, "--json"}, extra);
        Result result = Cli.run(args);
        assertThat(result.code()).as(result.err()).isZero();
        return JSON.readTree(result.out());
    }

    static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void listJsonIsOneDocumentWithEveryKeyField() throws Exception {
        JsonNode root = list("--site", "web");
        JsonNode site = root.path("sites").get(0);
        assertThat(site.path("site").asText()).isEqualTo("web");
        assertThat(site.path("domains")).extracting(JsonNode::asText)
                .containsExactly("web.example", "www.web.example", "api.web.example");
        JsonNode keys = site.path("keys");
        assertThat(keys).extracting(k -> k.path("role").asText()).containsExactly("current", "next", "backup", "backup");
        assertThat(keys).extracting(k -> k.path("algorithm").asText()).containsExactly("ec:p256", "ec:p256", "ec:p256", "ec:p384");
        for (JsonNode key : keys) {
            for (String field : List.of("id", "pin", "created", "publishedSince", "safeFrom", "offline")) {
                assertThat(key.has(field)).as(field).isTrue();
            }
            assertThat(key.path("publishedSince").isNull()).isTrue();
        }
        assertThat(keys.get(1).path("nextFor").asText()).isEqualTo(keys.get(0).path("id").asText());
    }

    @Test
    void listTextShowsRoleAlgorithmPinAndDates() throws Exception {
        Result result = Cli.run("keys", "list", "--state", state, "--site", "web");
        assertThat(result.code()).isZero();
        String[] lines = result.out().split("\n");
        assertThat(lines[1]).startsWith("ROLE").contains("ALGORITHM", "PIN", "CREATED", "PUBLISHED-SINCE", "SAFE-FROM");
        JsonNode keys = list("--site", "web").path("sites").get(0).path("keys");
        assertThat(lines).hasSize(2 + keys.size());
        for (int i = 0; i < keys.size(); i++) {
            assertThat(lines[2 + i]).startsWith(keys.get(i).path("role").asText())
                    .contains(keys.get(i).path("id").asText(), keys.get(i).path("pin").asText());
        }
    }

    @Test
    void csrCoversEveryDomainVerifiesWithOpensslAndCarriesTheKeysPin() throws Exception {
        JsonNode keys = list("--site", "web").path("sites").get(0).path("keys");
        for (String reference : List.of("current", "next", "backup-2")) {
            Path csr = temp.resolve(reference + ".csr");
            Result result = Cli.run("keys", "csr", "--state", state, "--site", "web", "--key", reference, "--out", csr.toString());
            assertThat(result.code()).as(result.err()).isZero();
            Processes.Output text = Processes.sh(temp, "openssl req -in '" + csr + "' -noout -text -verify");
            assertThat(text.code()).isZero();
            assertThat(text.out() + text.err()).contains("verify OK").contains("Subject: CN = web.example")
                    .contains("DNS:web.example, DNS:www.web.example, DNS:api.web.example");
            int index = switch (reference) {
                case "current" -> 0;
                case "next" -> 1;
                default -> 3;
            };
            assertThat(Processes.opensslPin(csr, "csr")).isEqualTo(keys.get(index).path("pin").asText());
        }
        Result again = Cli.run("keys", "csr", "--state", state, "--site", "web", "--out", temp.resolve("current.csr").toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.errLines()).singleElement().asString().contains("exists already");
        Result stdout = Cli.run("keys", "csr", "--state", state, "--site", "web", "--key", keys.get(2).path("id").asText());
        assertThat(stdout.out()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
    }

    @Test
    void aWorldReadableKeyIsRefusedWithTheChmodThatFixesIt() throws Exception {
        String local = temp.resolve("state").toString();
        assertThat(Cli.run("keys", "init", "--state", local, "--site", "loose", "--domain", "loose.example",
                "--backup", "ec:p256,ec:p384").code()).isZero();
        JsonNode current = JSON.readTree(Cli.run("keys", "list", "--state", local, "--json").out())
                .path("sites").get(0).path("keys").get(0);
        Path file = Path.of(local, "sites", "loose", "keys", current.path("id").asText(), "private.pem");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Result refused = Cli.run("keys", "csr", "--state", local, "--site", "loose");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.errLines()).singleElement().asString().startsWith("pinkeeper: ")
                .endsWith("chmod 600 " + file);
        assertThat(refused.out()).isEmpty();
    }

    @Test
    void addCurrentAddsACurrentKeyWithItsNextAndChangesNoFile() throws Exception {
        String local = temp.resolve("state").toString();
        assertThat(Cli.run("keys", "init", "--state", local, "--site", "lb", "--domain", "lb.example",
                "--backup", "ec:p256,ec:p384").code()).isZero();
        Map<String, String> before = FileSnapshot.of(Path.of(local));
        Result added = Cli.run("keys", "add-current", "--state", local, "--site", "lb", "--algorithm", "ec:p384", "--json");
        assertThat(added.code()).as(added.err()).isZero();
        JsonNode keys = JSON.readTree(added.out()).path("keys");
        assertThat(keys).hasSize(6);
        assertThat(keys.get(4).path("role").asText()).isEqualTo("current");
        assertThat(keys.get(5).path("nextFor").asText()).isEqualTo(keys.get(4).path("id").asText());
        Map<String, String> after = FileSnapshot.of(Path.of(local));
        before.forEach((file, hash) -> {
            if (!file.endsWith("/live")) {
                assertThat(after).containsEntry(file, hash);
            }
        });
    }

    @Test
    void exportOfflineThenRestoreFromTheScannedSheet() throws Exception {
        String local = temp.resolve("state").toString();
        assertThat(Cli.run("keys", "init", "--state", local, "--site", "safe", "--domain", "safe.example",
                "--backup", "ec:p256,ec:p384").code()).isZero();
        Path pass = temp.resolve("pass");
        Files.writeString(pass, "a long enough passphrase\n");
        Path out = temp.resolve("usb");
        Result exported = Cli.run("keys", "backup", "export", "--state", local, "--site", "safe", "--key", "backup-2",
                "--out", out.toString(), "--passphrase-file", pass.toString(), "--offline", "--json");
        assertThat(exported.code()).as(exported.err()).isZero();
        JsonNode report = JSON.readTree(exported.out());
        assertThat(report.path("offline").asBoolean()).isTrue();
        assertThat(report.path("key").path("privateKeyFile").isNull()).isTrue();
        JsonNode listed = JSON.readTree(Cli.run("keys", "list", "--state", local, "--json").out())
                .path("sites").get(0).path("keys").get(3);
        assertThat(listed.path("offline").asBoolean()).isTrue();
        assertThat(listed.path("pin").asText()).isEqualTo(report.path("key").path("pin").asText());

        Path scanned = temp.resolve("scanned.txt");
        Files.writeString(scanned, String.join("\n", QrScanner.scan(Path.of(report.path("png").asText()))));
        Path wrong = temp.resolve("wrong");
        Files.writeString(wrong, "not the passphrase at all\n");
        Result refused = Cli.run("keys", "backup", "restore", "--state", local, "--site", "safe", "--qr-text",
                scanned.toString(), "--passphrase-file", wrong.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.errLines()).singleElement().asString().contains("wrong passphrase");

        Result restored = Cli.run("keys", "backup", "restore", "--state", local, "--site", "safe", "--qr-text",
                scanned.toString(), "--passphrase-file", pass.toString());
        assertThat(restored.code()).as(restored.err()).isZero();
        assertThat(restored.out()).startsWith("restored key " + listed.path("id").asText());
        JsonNode after = JSON.readTree(Cli.run("keys", "list", "--state", local, "--json").out())
                .path("sites").get(0).path("keys").get(3);
        assertThat(after.path("offline").asBoolean()).isFalse();
        assertThat(Cli.run("keys", "csr", "--state", local, "--site", "safe", "--key", "backup-2").code()).isZero();

        Result other = Cli.run("keys", "backup", "restore", "--state", state, "--site", "web", "--file",
                report.path("encryptedKey").asText(), "--passphrase-file", pass.toString());
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.errLines()).singleElement().asString().contains("not a key of site web");
    }

    @Test
    void noPassphraseFileAndNoTerminalIsAUsageError() {
        Result result = Cli.run("keys", "backup", "export", "--state", state, "--site", "web", "--key", "backup-1",
                "--out", temp.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString()
                .isEqualTo("pinkeeper: no --passphrase-file given and no terminal to ask for the passphrase");
    }

    @Test
    void pruneWithoutYesIsADryRun() throws Exception {
        Map<String, String> before = FileSnapshot.of(Path.of(state));
        Result dry = Cli.run("keys", "prune", "--state", state, "--site", "web", "--retired-before", "2100-01-01");
        assertThat(dry.code()).isZero();
        assertThat(dry.out()).contains("nothing to prune");
        assertThat(FileSnapshot.of(Path.of(state))).isEqualTo(before);
        Result bad = Cli.run("keys", "prune", "--state", state, "--site", "web", "--retired-before", "yesterday", "--yes");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.errLines()).hasSize(1);
    }

    @Test
    void usageErrorsAreOneLineWithExitTwo() {
        List<String[]> cases = List.of(
                new String[] {"keys", "init", "--state", state, "--site", "web", "--domain", "web.example"},
                new String[] {"keys", "init", "--state", state, "--site", "New Site", "--domain", "x.example"},
                new String[] {"keys", "init", "--state", state, "--site", "x", "--domain", "x.example", "--current", "dsa:1024"},
                new String[] {"keys", "list", "--state", state, "--site", "nosuchsite"},
                new String[] {"keys", "init", "--state", state, "--site", "y", "--domain", "bad_name.example"},
                new String[] {"keys", "csr", "--state", state, "--site", "web", "--key", "backup-9"},
                new String[] {"keys", "add-current", "--state", state, "--site", "nosuchsite"});
        for (String[] args : cases) {
            Result result = Cli.run(args);
            assertThat(result.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(result.errLines()).as(String.join(" ", args)).singleElement().asString().startsWith("pinkeeper: ")
                    .doesNotContain("Exception");
            assertThat(result.out()).isEmpty();
        }
    }
}
