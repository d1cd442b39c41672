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
import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TestPki.Cert;
import dev.pinkeeper.testing.TlsNginx;

/** {@code pinkeeper verify} against a real nginx on 127.0.0.1, one server block per situation. */
class VerifyCommandTest {
    static final String HOST = VerifySite.HOST;
    static final String HSTS = "max-age=31536000; includeSubDomains";

    @TempDir
    static Path dir;

    static VerifySite site;
    static Cert root;
    static Cert intermediate;
    static Cert leaf;
    static Cert strangerLeaf;
    static String backup;
    static String otherBackup;
    static Path trust;
    static TlsNginx nginx;

    @BeforeAll
    static void start() {
        site = VerifySite.issue(dir, "Verify");
        root = site.root();
        intermediate = site.intermediate();
        leaf = site.leaf();
        backup = site.backup();
        trust = site.trust();
        Cert strangerRoot = TestPki.root("Stranger Root");
        strangerLeaf = TestPki.leaf(TestPki.intermediate("Stranger CA", strangerRoot), HOST);
        otherBackup = TestPki.builder("other backup").issue().pin().base64();
        nginx = TlsNginx.start(dir, List.of(
                TlsNginx.site("good", leaf, intermediate).header("Public-Key-Pins", goodHeader())
                        .header("Strict-Transport-Security", HSTS),
                TlsNginx.site("nothing-pinned", leaf, intermediate)
                        .header("Public-Key-Pins", header(backup, otherBackup))
                        .header("Strict-Transport-Security", HSTS),
                TlsNginx.site("no-backup", leaf, intermediate)
                        .header("Public-Key-Pins", header(leaf.pin().base64()))
                        .header("Strict-Transport-Security", HSTS),
                TlsNginx.site("report-only", leaf, intermediate)
                        .header("Public-Key-Pins-Report-Only", goodHeader())
                        .header("Strict-Transport-Security", HSTS),
                TlsNginx.site("no-pkp", leaf, intermediate).header("Strict-Transport-Security", HSTS),
                TlsNginx.site("no-hsts", leaf, intermediate).header("Public-Key-Pins", goodHeader()),
                TlsNginx.site("short-hsts", leaf, intermediate).header("Public-Key-Pins", goodHeader())
                        .header("Strict-Transport-Security", "max-age=86400"),
                TlsNginx.site("untrusted", strangerLeaf, intermediate).header("Public-Key-Pins", goodHeader())
                        .header("Strict-Transport-Security", HSTS),
                TlsNginx.site("two-headers", leaf, intermediate).header("Public-Key-Pins", goodHeader())
                        .header("Public-Key-Pins", header(leaf.pin().base64(), otherBackup))
                        .header("Strict-Transport-Security", HSTS),
                TlsNginx.site("plain").plainHttp(),
                TlsNginx.site("hang-up", leaf, intermediate).directives("return 444;")));
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
    }

    static String header(String... pins) {
        return VerifySite.pkpHeader(2592000, pins);
    }

    static String goodHeader() {
        return site.pkpHeader(2592000);
    }

    static String url(String name) {
        return VerifySite.url(nginx.port(name));
    }

    static Cli.Result verify(String name, String... more) {
        return site.verify(nginx.port(name), more);
    }

    static JsonNode json(Cli.Result run) throws Exception {
        assertThat(run.err()).isEmpty();
        return new ObjectMapper().readTree(run.out());
    }

    /** Every finding code of the report, top level and in each pin header's analysis. */
    static List<String> codes(JsonNode node) {
        List<String> codes = new ArrayList<>();
        node.get("findings").forEach(f -> codes.add(f.get("code").asText()));
        node.get("publicKeyPins").forEach(h -> h.get("findings").forEach(f -> codes.add(f.get("code").asText())));
        return codes;
    }

    @Test
    void aGoodPinnedSiteExitsZero() throws Exception {
        Cli.Result run = verify("good", "--json");

        assertThat(run.code()).as(run.out()).isZero();
        JsonNode node = json(run);
        assertThat(node.get("verdict").asText()).isEqualTo("good");
        assertThat(node.get("address").asText()).isEqualTo("127.0.0.1:" + nginx.port("good"));
        assertThat(node.get("status").asInt()).isEqualTo(200);
        assertThat(node.get("chain").get("valid").asBoolean()).isTrue();
        assertThat(node.get("chain").get("servedChain")).hasSize(2);
        assertThat(node.get("chain").get("servedChain").get(0).get("pin").asText()).isEqualTo(leaf.pin().base64());
        assertThat(node.get("chain").get("servedChain").get(0).get("pinned").asBoolean()).isTrue();
        assertThat(node.get("chain").get("validatedChain").get(2).get("pin").asText()).isEqualTo(root.pin().base64());
        assertThat(node.get("hsts").get("maxAge").asLong()).isEqualTo(31536000L);
        assertThat(node.get("hsts").get("includeSubDomains").asBoolean()).isTrue();
        JsonNode pkp = node.get("publicKeyPins");
        assertThat(pkp).hasSize(1);
        assertThat(pkp.get(0).get("value").asText()).isEqualTo(goodHeader());
        assertThat(pkp.get(0).get("accepted").asBoolean()).isTrue();
        assertThat(pkp.get(0).get("noted").asBoolean()).isTrue();
        assertThat(pkp.get(0).get("pins").get(1).get("backup").asBoolean()).isTrue();
        assertThat(node.get("expectedPins").isNull()).isTrue();
    }

    @Test
    void theTextReportShowsChainHeadersAndVerdict() {
        Cli.Result run = verify("good");

        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).contains("connected to 127.0.0.1:" + nginx.port("good"))
                .contains("#0  pin-sha256=\"" + leaf.pin().base64() + "\"  pinned  CN=" + HOST)
                .contains("Strict-Transport-Security: " + HSTS)
                .contains("Public-Key-Pins: " + goodHeader())
                .contains("pin-sha256=\"" + backup + "\"  backup")
                .contains("verdict: good");
    }

    @Test
    void aHeaderPinningNothingInTheChainExitsOne() throws Exception {
        Cli.Result run = verify("nothing-pinned", "--json");

        assertThat(run.code()).isEqualTo(1);
        JsonNode node = json(run);
        assertThat(codes(node)).contains("no-chain-pin");
        assertThat(node.get("publicKeyPins").get(0).get("accepted").asBoolean()).isFalse();
        assertThat(node.get("publicKeyPins").get(0).get("noted").asBoolean()).isFalse();
    }

    @Test
    void noBackupPinExitsOne() throws Exception {
        Cli.Result run = verify("no-backup", "--json");

        assertThat(run.code()).isEqualTo(1);
        assertThat(codes(json(run))).contains("no-backup-pin").doesNotContain("no-chain-pin");
    }

    @Test
    void aReportOnlyHeaderIsAnalysedAsReportOnly() throws Exception {
        Cli.Result run = verify("report-only", "--json");

        assertThat(run.code()).as(run.out()).isZero();
        JsonNode node = json(run);
        assertThat(node.get("publicKeyPins")).hasSize(1);
        assertThat(node.get("publicKeyPins").get(0).get("name").asText()).isEqualTo("Public-Key-Pins-Report-Only");
        assertThat(node.get("publicKeyPins").get(0).get("reportOnly").asBoolean()).isTrue();
        assertThat(codes(node)).contains("pkp-report-only");
    }

    @Test
    void noPinHeaderIsANoteNotAProblem() throws Exception {
        Cli.Result run = verify("no-pkp", "--json");

        assertThat(run.code()).as(run.out()).isZero();
        JsonNode node = json(run);
        assertThat(node.get("publicKeyPins")).isEmpty();
        assertThat(codes(node)).containsExactly("pkp-missing", "hsts-include-subdomains");
    }

    @Test
    void missingHstsExitsOne() throws Exception {
        Cli.Result run = verify("no-hsts", "--json");

        assertThat(run.code()).isEqualTo(1);
        JsonNode node = json(run);
        assertThat(codes(node)).containsExactly("hsts-missing", "unknown-pin");
        assertThat(node.get("hsts").get("values")).isEmpty();
    }

    @Test
    void hstsUnderAYearBesidePinsExitsOne() throws Exception {
        Cli.Result run = verify("short-hsts", "--json");

        assertThat(run.code()).isEqualTo(1);
        assertThat(codes(json(run))).contains("hsts-short");
    }

    @Test
    void anUntrustedChainIsReportedNotACrash() throws Exception {
        Cli.Result run = verify("untrusted", "--json");

        assertThat(run.code()).isEqualTo(1);
        JsonNode node = json(run);
        assertThat(node.get("chain").get("valid").asBoolean()).isFalse();
        assertThat(node.get("chain").get("reason").asText()).contains("Stranger CA");
        assertThat(node.get("chain").get("servedChain").get(0).get("pin").asText())
                .isEqualTo(strangerLeaf.pin().base64());
        assertThat(codes(node)).contains("chain-invalid");
        JsonNode pins = node.get("publicKeyPins").get(0).get("pins");
        assertThat(pins.get(0).get("pin").asText()).isEqualTo(leaf.pin().base64());
        assertThat(pins.get(0).get("chainIndex").isNull()).as("the good leaf's pin is not served here").isTrue();
    }

    @Test
    void pinsOfAChainThatDoesNotValidateArePlacedInTheServedChain() throws Exception {
        Cli.Result run = Cli.run("verify", url("good"), "--connect-to", "127.0.0.1", "--json");

        assertThat(run.code()).isEqualTo(1);
        JsonNode node = json(run);
        assertThat(node.get("chain").get("valid").asBoolean()).isFalse();
        JsonNode leafPin = node.get("publicKeyPins").get(0).get("pins").get(0);
        assertThat(leafPin.get("chainIndex").asInt()).isZero();
        assertThat(leafPin.get("backup").asBoolean()).isFalse();
    }

    @Test
    void aNameTheLeafDoesNotCoverIsAnInvalidChain() throws Exception {
        Cli.Result run = Cli.run("verify", "https://other.test:" + nginx.port("good") + "/", "--connect-to", "127.0.0.1",
                "--trust", trust.toString(), "--json");

        assertThat(run.code()).isEqualTo(1);
        JsonNode node = json(run);
        assertThat(node.get("chain").get("reason").asText()).contains("not valid for other.test");
    }

    @Test
    void severalPinHeadersAreEachAnalysedAndFlagged() throws Exception {
        Cli.Result run = verify("two-headers", "--json");

        assertThat(run.code()).isEqualTo(1);
        JsonNode node = json(run);
        assertThat(node.get("publicKeyPins")).hasSize(2);
        assertThat(node.get("publicKeyPins").get(1).get("position").asInt()).isEqualTo(1);
        assertThat(node.get("publicKeyPins").get(1).get("value").asText()).contains(otherBackup);
        assertThat(codes(node)).contains("pkp-several");
    }

    @Test
    void expectedPinsThatMatchExitZero() {
        Cli.Result run = verify("good", "--expect-pin", leaf.pin().base64() + "," + backup);

        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).contains("expected pins:");
    }

    @Test
    void expectedPinsThatDifferExitOne() throws Exception {
        Cli.Result run = verify("good", "--expect-pin", backup, "--expect-pin", otherBackup, "--json");

        assertThat(run.code()).isEqualTo(1);
        JsonNode node = json(run);
        assertThat(codes(node)).contains("pins-differ", "leaf-not-expected");
        String differ = null;
        for (JsonNode f : node.get("findings")) {
            if (f.get("code").asText().equals("pins-differ")) {
                differ = f.get("message").asText();
            }
        }
        assertThat(differ).contains("missing " + otherBackup).contains("not expected " + leaf.pin().base64());
    }

    @Test
    void expectedPinsAreReadFromAFileInPinkeeperPinFormat() throws Exception {
        // the text format of pinkeeper pin (shared/DESIGN.md), plus a comment and another pin spelling
        Path file = Files.writeString(dir.resolve("pins.txt"), "# the plan's pins\n"
                + "pin-sha256=\"" + leaf.pin().base64() + "\"\tleaf.pem#0\tcertificate\tCN=" + HOST + "\n\n"
                + "sha256/" + backup + "\n");

        Cli.Result run = verify("good", "--expect-pins-file", file.toString());
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(verify("no-pkp", "--expect-pins-file", file.toString(), "--json").out())
                .contains("expected-pins-not-served");
        Path bad = Files.writeString(dir.resolve("bad-pins.txt"), leaf.pin().base64() + "\nnot-a-pin\n");
        Cli.Result badRun = verify("good", "--expect-pins-file", bad.toString());
        assertThat(badRun.code()).isEqualTo(2);
        assertThat(badRun.err()).contains(bad + ":2:");
    }

    @Test
    void aRefusedConnectionIsOneLineAndExitTwo() {
        int port = FreePorts.next();
        Cli.Result run = Cli.run("verify", "https://" + HOST + ":" + port + "/", "--connect-to", "127.0.0.1");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("pinkeeper: https://" + HOST + ":" + port)
                .contains("cannot connect to 127.0.0.1:" + port).contains("refused");
    }

    @Test
    void aPlainHttpPortIsATlsFailure() {
        Cli.Result run = Cli.run("verify", "https://" + HOST + ":" + nginx.port("plain") + "/", "--connect-to", "127.0.0.1");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("TLS handshake");
    }

    @Test
    void aServerHangingUpWithoutAnswerIsExitTwo() {
        Cli.Result run = verify("hang-up");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("without an HTTP answer");
    }

    @Test
    void badUrlsAndOptionsAreUsageErrors() {
        for (String[] args : List.of(new String[] {"verify", "http://site.test/"},
                new String[] {"verify", "https://"}, new String[] {"verify", "https://site.test:99999/"},
                new String[] {"verify", "https://site.test/", "--timeout", "0"},
                new String[] {"verify", "https://site.test/", "--expect-pin", "nope"})) {
            Cli.Result run = Cli.run(args);
            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().strip()).as(String.join(" ", args)).startsWith("pinkeeper: ").doesNotContain("\n");
        }
    }

    @Test
    void planOptionsThatCannotWorkAreUsageErrors() {
        Path state = dir.resolve("verify-state");
        assertThat(Cli.runWithState(state, "keys", "init", "--site", "noplan", "--domain", "noplan.test").code()).isZero();
        for (String[] args : List.of(new String[] {"verify"},
                new String[] {"verify", "--site", "absent", "--state", state.toString()},
                new String[] {"verify", "--site", "noplan", "--state", state.toString()},
                new String[] {"verify", "--site", "noplan", "--state", state.toString(), "--expect-pin", backup})) {
            Cli.Result run = Cli.run(args);
            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().strip()).as(String.join(" ", args)).startsWith("pinkeeper: ").doesNotContain("\n");
        }
        assertThat(Cli.runWithState(state, "verify", "--site", "noplan").err()).contains("has no plan");
    }
}
