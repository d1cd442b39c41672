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

import dev.pinkeeper.testing.CliRun;
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

    private static CliRun validate(String... args) {
        List<String> all = new ArrayList<>(List.of("validate"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static JsonNode json(CliRun run) throws Exception {
        return new ObjectMapper().readTree(run.stdout());
    }

    @Test
    void jsonHasExactlyTheContractedShape() throws Exception {
        Path backup = TestPki.writePem(dir.resolve("backup.pem"), TestPki.root("Backup key"));
        String backupPin = TestPki.builder("unused").issue().pin().base64();
        CliRun run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--pins", intermediate.pin().base64() + "," + backupPin, "--json");

        assertThat(run.exit()).isZero();
        assertThat(run.stderr()).isEmpty();
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
        CliRun run = validate("--chain", misordered.toString(), "--trust", trust.toString(),
                "--pins", root.pin().base64(), "--json");

        assertThat(run.exit()).isZero();
        assertThat(json(run).get("validatedChain")).hasSize(3);
        assertThat(json(run).get("servedChain")).hasSize(4);
    }

    @Test
    void noMatchingPinExitsOne() throws Exception {
        CliRun run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--pins", TestPki.root("Nobody").pin().base64(), "--json");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(json(run).get("accepted").asBoolean()).isFalse();
        assertThat(json(run).get("reason").asText()).contains("no pin matches");
    }

    @Test
    void expiredAtTheGivenTimeExitsOneWithTheReason() throws Exception {
        String after = leaf.certificate().getNotAfter().toInstant().plus(Duration.ofDays(2)).toString();
        CliRun run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--pins", leaf.pin().base64(), "--at", after, "--json");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(json(run).get("reason").asText()).contains("expired");
        assertThat(json(run).get("validatedChain")).isEmpty();
    }

    @Test
    void wrongHostExitsOne() {
        CliRun run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--pins", leaf.pin().base64(), "--host", "evil.example.test");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stdout()).startsWith("not accepted: ").contains("not valid for evil.example.test");
    }

    @Test
    void rightHostAndTextOutput() {
        CliRun run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--pins", leaf.pin().base64(), "--host", "shop.example.test");

        assertThat(run.exit()).isZero();
        assertThat(run.stdout()).startsWith("accepted: ")
                .contains("validated chain:")
                .contains("pin-sha256=\"" + leaf.pin().base64() + "\"  pinned");
    }

    @Test
    void untrustedChainExitsOne() {
        CliRun run = validate("--chain", chain.toString(), "--trust",
                TestPki.writePem(dir.resolve("other-root.pem"), TestPki.root("Other")).toString(),
                "--pins", leaf.pin().base64());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stdout()).contains("no path");
    }

    @Test
    void excludedPinExitsOne() throws Exception {
        CliRun run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--pins", leaf.pin().base64(), "--excluded-pin", root.pin().base64(), "--json");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(json(run).get("reason").asText()).contains("excluded");
    }

    @Test
    void unreadableChainFileExitsTwoWithOneLineNamingIt() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n"
                + "-----END CERTIFICATE-----\n");
        for (String file : List.of(dir.resolve("missing.pem").toString(), garbage.toString(),
                Files.createFile(dir.resolve("empty.pem")).toString(), dir.toString())) {
            CliRun run = validate("--chain", file, "--trust", trust.toString(), "--pins", leaf.pin().base64(),
                    "--json");

            assertThat(run.exit()).as(file).isEqualTo(2);
            assertThat(run.stdout()).as(file).isEmpty();
            assertThat(run.stderr().strip().lines()).as(file).hasSize(1);
            assertThat(run.stderr()).as(file).contains(file).doesNotContain("Exception");
        }
    }

    @Test
    void badPinsAndTimesAreUsageErrors() {
        CliRun badPin = validate("--chain", chain.toString(), "--pins", "not-a-pin");
        CliRun badTime = validate("--chain", chain.toString(), "--pins", leaf.pin().base64(), "--at", "tomorrow");
        CliRun badTrust = validate("--chain", chain.toString(), "--pins", leaf.pin().base64(),
                "--trust", dir.resolve("nope.pem").toString());
        CliRun noPins = validate("--chain", chain.toString());

        assertThat(badPin.exit()).isEqualTo(2);
        assertThat(badPin.stderr()).contains("--pins");
        assertThat(badTime.exit()).isEqualTo(2);
        assertThat(badTime.stderr()).contains("--at");
        assertThat(badTrust.exit()).isEqualTo(2);
        assertThat(badTrust.stderr()).contains("nope.pem");
        assertThat(noPins.exit()).isEqualTo(2);
    }

    @Test
    void theDefaultTrustStoreDoesNotTrustATestRoot() {
        CliRun run = validate("--chain", chain.toString(), "--pins", leaf.pin().base64());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stdout()).contains("does not validate");
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
        CliRun run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--header", header(leaf.pin().base64(), backup), "--ua", "chrome", "--json");

        assertThat(run.exit()).as(run.stdout()).isZero();
        assertThat(json(run).get("noted").asBoolean()).isTrue();
        assertThat(json(run).get("accepted").asBoolean()).isTrue();
        assertThat(json(run).get("backupPins").get(0).asText()).isEqualTo(backup);
    }

    @Test
    void aHeaderWithoutBackupPinIsAcceptedButNotNotedSoExitsOne() throws Exception {
        CliRun run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--header", header(leaf.pin().base64(), intermediate.pin().base64()), "--json");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(json(run).get("accepted").asBoolean()).isTrue();
        assertThat(json(run).get("noted").asBoolean()).isFalse();
        assertThat(json(run).get("reason").asText()).contains("backup");
    }

    @Test
    void anInvalidHeaderIsNeitherNotedNorAccepted() throws Exception {
        CliRun run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--header", "pin-sha256=\"" + leaf.pin().base64() + "\"", "--json");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(json(run).get("noted").asBoolean()).isFalse();
        assertThat(json(run).get("accepted").asBoolean()).isFalse();
        assertThat(json(run).get("reason").asText()).contains("not valid");
    }

    @Test
    void aHeaderOnAnExpiredChainIsNotNoted() throws Exception {
        String backup = TestPki.builder("backup").issue().pin().base64();
        String after = leaf.certificate().getNotAfter().toInstant().plus(Duration.ofDays(2)).toString();
        CliRun run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--header", header(leaf.pin().base64(), backup), "--at", after, "--json");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(json(run).get("noted").asBoolean()).isFalse();
        assertThat(json(run).get("reason").asText()).contains("expired");
    }

    @Test
    void aReportOnlyHeaderWithoutMaxAgeIsNotedByTheRfc() throws Exception {
        String backup = TestPki.builder("backup").issue().pin().base64();
        String value = "pin-sha256=\"" + root.pin().base64() + "\"; pin-sha256=\"" + backup
                + "\"; report-uri=\"https://r.example.test/\"";
        CliRun run = validate("--chain", chain.toString(), "--trust", trust.toString(),
                "--header", value, "--report-only", "--json");

        assertThat(run.exit()).as(run.stdout()).isZero();
        assertThat(json(run).get("noted").asBoolean()).isTrue();
    }
}
