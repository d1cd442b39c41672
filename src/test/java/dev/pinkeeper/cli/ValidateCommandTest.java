package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TestPki.Cert;

class ValidateCommandTest {
    @TempDir
    static Path dir;

    static Cert root;
    static Cert intermediate;
    static Cert leaf;
    static Path chain;
    static Path misordered;
    static Path trust;

    @BeforeAll
    static void pki() {
        root = TestPki.root("CLI Root");
        intermediate = TestPki.intermediate("CLI CA", root);
        leaf = TestPki.leaf(intermediate, "shop.example.test");
        chain = TestPki.writePem(dir.resolve("chain.pem"), leaf, intermediate);
        misordered = TestPki.writePem(dir.resolve("misordered.pem"), leaf, TestPki.root("Stray"), root, intermediate);
        trust = TestPki.writePem(dir.resolve("root.pem"), root);
    }

    private static Cli.Result validate(String... args) {
        List<String> all = new ArrayList<>(List.of("validate"));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    private static JsonNode json(Cli.Result run) throws Exception {
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void jsonHasExactlyTheContractedShape() throws Exception {
        Path backup = TestPki.writePem(dir.resolve("backup.pem"), TestPki.root("Backup key"));
        String backupPin = TestPki.builder("unused").issue().pin().base64();
        Cli.Result run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--pins", intermediate.pin().base64() + "," + backupPin, "--json");

        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode node = json(run);
        List<String> fields = new ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("accepted", "noted", "reason", "servedChain", "validatedChain", "backupPins");
        assertThat(node.get("accepted").asBoolean()).isTrue();
        assertThat(node.get("noted").isNull()).isTrue();
        assertThat(node.get("servedChain")).hasSize(2);
        assertThat(node.get("servedChain").get(0).get("pin").asText()).isEqualTo(leaf.pin().base64());
        assertThat(node.get("servedChain").get(0).get("subject").asText()).contains("CN=shop.example.test");
        JsonNode validated = node.get("validatedChain");
        assertThat(validated).hasSize(3);
        assertThat(validated.get(2).get("pin").asText()).isEqualTo(root.pin().base64());
        assertThat(validated.get(1).get("pinned").asBoolean()).isTrue();
        assertThat(validated.get(0).get("pinned").asBoolean()).isFalse();
        assertThat(node.get("backupPins")).hasSize(1);
        assertThat(node.get("backupPins").get(0).asText()).isEqualTo(backupPin);
        assertThat(Files.exists(backup)).isTrue();
    }

    @Test
    void misorderedChainWithStrayCertificatesIsAccepted() throws Exception {
        Cli.Result run = validate("--chain", misordered.toString(), "--trust", trust.toString(),
                "--pins", root.pin().base64(), "--json");

        assertThat(run.code()).isZero();
        assertThat(json(run).get("validatedChain")).hasSize(3);
        assertThat(json(run).get("servedChain")).hasSize(4);
    }

    @Test
    void noMatchingPinExitsOne() throws Exception {
        Cli.Result run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--pins", TestPki.root("Nobody").pin().base64(), "--json");

        assertThat(run.code()).isEqualTo(1);
        assertThat(json(run).get("accepted").asBoolean()).isFalse();
        assertThat(json(run).get("reason").asText()).contains("no pin matches");
    }

    @Test
    void expiredAtTheGivenTimeExitsOneWithTheReason() throws Exception {
        String after = leaf.certificate().getNotAfter().toInstant().plus(Duration.ofDays(2)).toString();
        Cli.Result run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--pins", leaf.pin().base64(), "--at", after, "--json");

        assertThat(run.code()).isEqualTo(1);
        assertThat(json(run).get("reason").asText()).contains("expired");
        assertThat(json(run).get("validatedChain")).isEmpty();
    }

    @Test
    void wrongHostExitsOne() {
        Cli.Result run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--pins", leaf.pin().base64(), "--host", "evil.example.test");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).startsWith("not accepted: ").contains("not valid for evil.example.test");
    }

    @Test
    void rightHostAndTextOutput() {
        Cli.Result run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--pins", leaf.pin().base64(), "--host", "shop.example.test");

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("accepted: ")
                .contains("validated chain:")
                .contains("pin-sha256=\"" + leaf.pin().base64() + "\"  pinned");
    }

    @Test
    void untrustedChainExitsOne() {
        Cli.Result run = validate("--chain", chain.toString(), "--trust",
                TestPki.writePem(dir.resolve("other-root.pem"), TestPki.root("Other")).toString(),
                "--pins", leaf.pin().base64());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("no path");
    }

    @Test
    void excludedPinExitsOne() throws Exception {
        Cli.Result run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--pins", leaf.pin().base64(), "--excluded-pin", root.pin().base64(), "--json");

        assertThat(run.code()).isEqualTo(1);
        assertThat(json(run).get("reason").asText()).contains("excluded");
    }

    @Test
    void unreadableChainFileExitsTwoWithOneLineNamingIt() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n"
                + "-----END CERTIFICATE-----\n");
        for (String file : List.of(dir.resolve("missing.pem").toString(), garbage.toString(),
                Files.createFile(dir.resolve("empty.pem")).toString(), dir.toString())) {
            Cli.Result run = validate("--chain", file, "--trust", trust.toString(), "--pins", leaf.pin().base64(),
                    "--json");

            assertThat(run.code()).as(file).isEqualTo(2);
            // --json: the failure is the one JSON document on stdout (docs/json.md), and its line on stderr
            assertThat(run.json().get("error").get("kind").asText()).as(file).isEqualTo("usage");
            assertThat(run.json().get("error").get("message").asText()).as(file).contains(file);
            assertThat(run.err().strip().lines()).as(file).hasSize(1);
            assertThat(run.err()).as(file).contains(file).doesNotContain("Exception");
        }
    }

    @Test
    void badPinsAndTimesAreUsageErrors() {
        Cli.Result badPin = validate("--chain", chain.toString(), "--pins", "not-a-pin");
        Cli.Result badTime = validate("--chain", chain.toString(), "--pins", leaf.pin().base64(), "--at", "tomorrow");
        Cli.Result badTrust = validate("--chain", chain.toString(), "--pins", leaf.pin().base64(),
                "--trust", dir.resolve("nope.pem").toString());
        Cli.Result noPins = validate("--chain", chain.toString());

        assertThat(badPin.code()).isEqualTo(2);
        assertThat(badPin.err()).contains("--pins");
        assertThat(badTime.code()).isEqualTo(2);
        assertThat(badTime.err()).contains("--at");
        assertThat(badTrust.code()).isEqualTo(2);
        assertThat(badTrust.err()).contains("nope.pem");
        assertThat(noPins.code()).isEqualTo(2);
    }

    @Test
    void theDefaultTrustStoreDoesNotTrustATestRoot() {
        Cli.Result run = validate("--chain", chain.toString(), "--pins", leaf.pin().base64());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("does not validate");
    }

    private static String header(String... pins) {
        StringBuilder value = new StringBuilder();
        for (String pin : pins) {
            value.append("pin-sha256=\"").append(pin).append("\"; ");
        }
        return value.append("max-age=5184000; report-uri=\"https://r.example.test/\"").toString();
    }

    @Test
    void aHeaderWithAChainPinAndABackupIsNotedAndAccepted() throws Exception {
        String backup = TestPki.builder("backup").issue().pin().base64();
        Cli.Result run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--header", header(leaf.pin().base64(), backup), "--ua", "chrome", "--json");

        assertThat(run.code()).as(run.out()).isZero();
        assertThat(json(run).get("noted").asBoolean()).isTrue();
        assertThat(json(run).get("accepted").asBoolean()).isTrue();
        assertThat(json(run).get("backupPins").get(0).asText()).isEqualTo(backup);
    }

    @Test
    void aHeaderWithoutBackupPinIsAcceptedButNotNotedSoExitsOne() throws Exception {
        Cli.Result run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--header", header(leaf.pin().base64(), intermediate.pin().base64()), "--json");

        assertThat(run.code()).isEqualTo(1);
        assertThat(json(run).get("accepted").asBoolean()).isTrue();
        assertThat(json(run).get("noted").asBoolean()).isFalse();
        assertThat(json(run).get("reason").asText()).contains("backup");
    }

    @Test
    void anInvalidHeaderIsNeitherNotedNorAccepted() throws Exception {
        Cli.Result run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--header", "pin-sha256=\"" + leaf.pin().base64() + "\"", "--json");

        assertThat(run.code()).isEqualTo(1);
        assertThat(json(run).get("noted").asBoolean()).isFalse();
        assertThat(json(run).get("accepted").asBoolean()).isFalse();
        assertThat(json(run).get("reason").asText()).contains("not valid");
    }

    @Test
    void aHeaderOnAnExpiredChainIsNotNoted() throws Exception {
        String backup = TestPki.builder("backup").issue().pin().base64();
        String after = leaf.certificate().getNotAfter().toInstant().plus(Duration.ofDays(2)).toString();
        Cli.Result run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--header", header(leaf.pin().base64(), backup), "--at", after, "--json");

        assertThat(run.code()).isEqualTo(1);
        assertThat(json(run).get("noted").asBoolean()).isFalse();
        assertThat(json(run).get("reason").asText()).contains("expired");
    }

    @Test
    void aReportOnlyHeaderWithoutMaxAgeIsNotedByTheRfc() throws Exception {
        String backup = TestPki.builder("backup").issue().pin().base64();
        String value = "pin-sha256=\"" + root.pin().base64() + "\"; pin-sha256=\"" + backup
                + "\"; report-uri=\"https://r.example.test/\"";
        Cli.Result run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--header", value, "--report-only", "--json");

        assertThat(run.code()).as(run.out()).isZero();
        assertThat(json(run).get("noted").asBoolean()).isTrue();
    }
}
