package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

class AnalyseCommandTest {
    @TempDir
    static Path dir;

    static Cert root;
    static Cert intermediate;
    static Cert leaf;
    static String backup;
    static Path chain;
    static Path trust;

    @BeforeAll
    static void pki() {
        root = TestPki.root("Analyse Root");
        intermediate = TestPki.intermediate("Analyse CA", root);
        leaf = TestPki.leaf(intermediate, "www.example.test");
        backup = TestPki.builder("backup").issue().pin().base64();
        chain = TestPki.writePem(dir.resolve("chain.pem"), leaf, intermediate);
        trust = TestPki.writePem(dir.resolve("root.pem"), root);
    }

    private static Cli.Result analyse(String header, String... more) {
        List<String> args = new ArrayList<>(List.of("analyse", "--header", header, "--chain", chain.toString(),
                "--trust", trust.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static String goodHeader() {
        return "pin-sha256=\"" + leaf.pin().base64() + "\"; pin-sha256=\"" + backup
                + "\"; max-age=2592000; report-uri=\"https://reports.example.test/\"";
    }

    @Test
    void aGoodHeaderExitsZeroWithAReport() {
        Cli.Result run = analyse(goodHeader());

        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("served chain:", "validated chain:", "pins:", "findings:")
                .contains("pin-sha256=\"" + leaf.pin().base64() + "\"  the leaf's key")
                .contains("pin-sha256=\"" + backup + "\"  backup")
                .contains("verdict: good");
    }

    @Test
    void aRiskyHeaderExitsOneWithFixes() throws Exception {
        Cli.Result run = analyse("pin-sha256=\"" + leaf.pin().base64() + "\"; max-age=2592000; includeSubDomains",
                "--json");

        assertThat(run.code()).isEqualTo(1);
        JsonNode node = new ObjectMapper().readTree(run.out());
        assertThat(node.get("verdict").asText()).isEqualTo("problems");
        List<String> codes = new ArrayList<>();
        node.get("findings").forEach(f -> codes.add(f.get("code").asText()));
        assertThat(codes).contains("no-backup-pin", "include-subdomains", "no-report-uri");
        assertThat(node.get("findings").get(0).get("severity").asText()).isEqualTo("error");
        assertThat(node.get("findings").get(0).get("fix").asText()).isNotBlank();
        assertThat(node.get("validatedChain")).hasSize(3);
        assertThat(node.get("pins").get(0).get("chainIndex").asInt()).isZero();
    }

    @Test
    void theJsonIsOneDocumentWithTheChainsAndPins() throws Exception {
        Cli.Result run = analyse(goodHeader(), "--json");

        JsonNode node = new ObjectMapper().readTree(run.out());
        assertThat(run.out().strip().lines()).hasSize(1);
        assertThat(node.get("servedChain")).hasSize(2);
        assertThat(node.get("servedChain").get(0).get("pinned").asBoolean()).isTrue();
        assertThat(node.get("pins")).hasSize(2);
        assertThat(node.get("pins").get(1).get("backup").asBoolean()).isTrue();
        assertThat(node.get("header").get("maxAge").asLong()).isEqualTo(2592000L);
    }

    @Test
    void aReportUriOnThePinnedHostExitsOneWithAWarning() throws Exception {
        String header = "pin-sha256=\"" + leaf.pin().base64() + "\"; pin-sha256=\"" + backup
                + "\"; max-age=2592000; report-uri=\"https://www.example.test/hpkp\"";
        Cli.Result run = analyse(header, "--host", "www.example.test", "--json");

        assertThat(run.code()).as(run.out()).isEqualTo(1);
        JsonNode finding = null;
        for (JsonNode f : new ObjectMapper().readTree(run.out()).get("findings")) {
            if (f.get("code").asText().equals("report-uri-on-pinned-host")) {
                finding = f;
            }
        }
        assertThat(finding).as(run.out()).isNotNull();
        assertThat(finding.get("severity").asText()).isEqualTo("warning");
        // the same header names another host for its reports: good
        assertThat(analyse(goodHeader(), "--host", "www.example.test").code()).isZero();
    }

    @Test
    void anUnreadableChainExitsTwo() {
        Cli.Result run = Cli.run("analyse", "--header", goodHeader(), "--chain", dir.resolve("none.pem").toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("none.pem");
    }
}
