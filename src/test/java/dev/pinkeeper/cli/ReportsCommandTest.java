package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pinkeeper.report.ReceivedReport;
import dev.pinkeeper.report.ReportClass;
import dev.pinkeeper.report.ReportFormat;
import dev.pinkeeper.report.store.Databases;
import dev.pinkeeper.report.store.JdbcReportStore;
import dev.pinkeeper.testing.Cli;

class ReportsCommandTest {
    @TempDir
    Path state;

    void store(String host, String site, ReportClass rc, Instant at, String version) throws Exception {
        try (JdbcReportStore store = JdbcReportStore.open(Databases.embeddedUrl(state))) {
            store.insertIfAbsent(List.of(new ReceivedReport(UUID.randomUUID(), at, ReportFormat.RFC7469, host, 443, host, site,
                    rc, "why\u001b[31m", version, "CN=" + host, "CN=Issuer", null, "p1", "p2", null, "{}")));
        }
    }

    @Test
    void printsOneJsonDocumentFilteredBySiteAndSince() throws Exception {
        store("a.example.com", "example.com", ReportClass.ROLLOVER_MISTAKE, Instant.now().minusSeconds(60), "v1");
        store("b.example.com", "example.com", ReportClass.UNEXPECTED_CHAIN, Instant.now().minusSeconds(3 * 86400), "v2");
        store("other.test", null, ReportClass.NOISE, Instant.now(), null);
        Cli.Result r = Cli.run("reports", "--state", state.toString(), "--site", "example.com", "--since", "24h", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("total").asLong()).isEqualTo(1);
        assertThat(json.get("byClass").get("rollover-mistake").asLong()).isEqualTo(1);
        assertThat(json.get("headerVersions").get(0).get("headerVersion").asText()).isEqualTo("v1");
        assertThat(r.out().strip().lines()).hasSize(1);
    }

    @Test
    void textSummaryStripsTerminalEscapes() throws Exception {
        store("a.example.com", "example.com", ReportClass.ROLLOVER_MISTAKE, Instant.now(), "v1");
        Cli.Result r = Cli.run("reports", "--state", state.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("reports: 1").contains("rollover-mistake   1").contains("a.example.com")
                .doesNotContain("\u001b");
    }

    @Test
    void missingEmbeddedDatabaseIsUsageErrorAndCreatesNothing() {
        Path empty = state.resolve("empty");
        Cli.Result r = Cli.run("reports", "--state", empty.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no report database");
        assertThat(empty).doesNotExist();
    }

    @Test
    void anH2StoreNotImportedYetIsUsageErrorThatSaysHowToImportIt() throws Exception {
        Path old = Files.createDirectories(state.resolve("old"));
        dev.pinkeeper.report.store.LegacyH2Store.create(old, 2);
        Cli.Result r = Cli.run("reports", "--state", old.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(old.resolve("reports.mv.db").toString()).contains("not imported yet")
                .contains("pinkeeper collector");
        assertThat(old.resolve("reports.db")).doesNotExist();
    }

    @Test
    void repairRefusesPostgresqlAndAStateWithoutAStore() {
        Cli.Result pg = Cli.run("reports", "repair", "--db", "jdbc:postgresql://127.0.0.1:1/x");
        assertThat(pg.code()).isEqualTo(2);
        assertThat(pg.err()).contains("--db");
        Cli.Result none = Cli.run("reports", "repair", "--state", state.resolve("none").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.errLines()).hasSize(1);
        assertThat(none.err()).contains("no report store to repair");
        assertThat(state.resolve("none")).doesNotExist();
    }

    @Test
    void badSinceIsUsageError() {
        Cli.Result r = Cli.run("reports", "--state", state.toString(), "--since", "yesterday");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--since");
    }

    @Test
    void unsupportedDatabaseIsUsageError() {
        Cli.Result r = Cli.run("reports", "--db", "jdbc:mysql://localhost/x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--db").contains("unsupported");
    }

    @Test
    void collectorRefusesBadListenAddressAndPlan() throws Exception {
        Cli.Result listen = Cli.run("collector", "--state", state.toString(), "--listen", "nowhere");
        assertThat(listen.code()).isEqualTo(2);
        assertThat(listen.err()).contains("--listen");
        Path plan = state.resolve("plan.json");
        Files.writeString(plan, "{\"sites\":[{\"site\":\"example.com\",\"pins\":[{\"pin\":\"nope\",\"role\":\"current\"}]}]}");
        Cli.Result badPlan = Cli.run("collector", "--state", state.toString(), "--plan", plan.toString());
        assertThat(badPlan.code()).isEqualTo(2);
        assertThat(badPlan.err()).contains(plan.toString()).contains("not a SHA-256 pin");
    }

    @Test
    void collectorChecksItsOperatorAddressAndTokenBeforeCreatingAnything() throws Exception {
        Path fresh = state.resolve("fresh");
        Path token = Files.writeString(state.resolve("token"), "0123456789abcdef0123456789abcdef\n");
        java.nio.file.Files.setPosixFilePermissions(token, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        List<List<String>> refused = List.of(
                List.of("--operator-listen", "nowhere"),
                List.of("--operator-listen", "127.0.0.1:70000"),
                List.of("--listen", "127.0.0.1:18470", "--operator-listen", "127.0.0.1:18470"),
                List.of("--operator-listen", "none", "--operator-token-file", token.toString()),
                List.of("--operator-token-file", token.toString()),
                List.of("--operator-token-file", state.resolve("missing").toString()));
        for (List<String> options : refused) {
            List<String> args = new java.util.ArrayList<>(List.of("collector", "--state", fresh.toString()));
            args.addAll(options);
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.code()).as(options + ": " + r.err()).isEqualTo(2);
            assertThat(r.errLines()).as(options.toString()).hasSize(1);
            assertThat(r.err()).contains("--operator-");
        }
        assertThat(Cli.run("collector", "--state", fresh.toString(), "--operator-token-file", token.toString()).err())
                .contains("chmod 600 " + token);
        assertThat(fresh).doesNotExist();
    }

    @Test
    void sinceTakesAgesAndInstants() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        assertThat(ReportsCommand.parseSince("24h", now)).isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));
        assertThat(ReportsCommand.parseSince("7d", now)).isEqualTo(Instant.parse("2026-11-15T12:00:00Z"));
        assertThat(ReportsCommand.parseSince("2026-01-01T00:00:00Z", now)).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void plansOfTheStateDirectoryShowTheSitesPinsWithRolesAndServedHeaders() throws Exception {
        Instant start = Instant.now().minus(java.time.Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ok("keys", "init", "--site", "web", "--domain", "web.example", "--backup", "ec:p256", "--backup", "ec:p384");
        ok("plan", "init", "--site", "web", "--at", start.toString());
        ok("plan", "advance", "--site", "web", "--at", start.toString());
        ok("plan", "ramp", "--site", "web", "--at", start.plus(java.time.Duration.ofDays(7)).toString());
        ok("plan", "rollover", "--site", "web", "--at", start.plus(java.time.Duration.ofDays(8)).toString());
        store("web.example", "web.example", ReportClass.ROLLOVER_MISTAKE, Instant.now(), "v1");
        store("other.test", null, ReportClass.NOISE, Instant.now(), null);
        JsonNode keys = new ObjectMapper().readTree(ok("keys", "list", "--site", "web", "--json")).get("sites").get(0).get("keys");

        JsonNode json = new ObjectMapper().readTree(ok("reports", "--site", "web", "--json"));
        assertThat(json.get("total").asLong()).isEqualTo(1); // the site's reports, filed under its domain
        JsonNode site = json.get("sites").get(0);
        assertThat(json.get("sites")).hasSize(1);
        assertThat(site.get("site").asText()).isEqualTo("web.example");
        List<String> expected = new java.util.ArrayList<>();
        keys.forEach(k -> expected.add(k.get("role").asText() + " " + k.get("pin").asText() + " " + k.get("id").asText()));
        List<String> shown = new java.util.ArrayList<>();
        site.get("pins").forEach(p -> shown.add(p.get("role").asText() + " " + p.get("pin").asText() + " " + p.get("label").asText()));
        assertThat(shown).containsExactlyInAnyOrderElementsOf(expected).anyMatch(p -> p.startsWith("retired "));
        assertThat(site.get("headerVersions")).hasSize(2);
        assertThat(site.get("headerVersions").get(0).get("servedFrom").asText()).isEqualTo(start.toString());
        assertThat(site.get("timeline").toString()).contains("rollover");

        String text = ok("reports");
        assertThat(text).contains("site web.example:").containsPattern("current +\\S+\\t\\S+");
    }

    @Test
    void aSiteWithSeveralDomainsCountsTheReportsOfEachOfThem() throws Exception {
        Instant start = Instant.now().minus(java.time.Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ok("keys", "init", "--site", "shop", "--domain", "shop.example", "--domain", "www.shop.example",
                "--backup", "ec:p256", "--backup", "ec:p384");
        ok("plan", "init", "--site", "shop", "--at", start.toString());
        ok("plan", "advance", "--site", "shop", "--at", start.toString());
        store("shop.example", "shop.example", ReportClass.ROLLOVER_MISTAKE, Instant.now(), "v1");
        store("www.shop.example", "www.shop.example", ReportClass.UNEXPECTED_CHAIN, Instant.now(), null);
        store("elsewhere.example", null, ReportClass.NOISE, Instant.now(), null);

        JsonNode json = new ObjectMapper().readTree(ok("reports", "--site", "shop", "--json"));
        assertThat(json.get("total").asLong()).isEqualTo(2);
        List<String> hosts = new java.util.ArrayList<>();
        json.get("sites").forEach(p -> hosts.add(p.get("site").asText()));
        assertThat(hosts).containsExactlyInAnyOrder("shop.example", "www.shop.example");
        // a host name still selects only its own reports
        assertThat(new ObjectMapper().readTree(ok("reports", "--site", "www.shop.example", "--json")).get("total").asLong())
                .isEqualTo(1);
    }

    @Test
    void siteWithoutPlanAndSiteWithPlanFileAreUsageErrors() throws Exception {
        ok("keys", "init", "--site", "bare", "--domain", "bare.example", "--backup", "ec:p256", "--backup", "ec:p384");
        Cli.Result bare = Cli.run("collector", "--state", state.toString(), "--site", "bare");
        assertThat(bare.code()).isEqualTo(2);
        assertThat(bare.errLines()).hasSize(1);
        assertThat(bare.err()).contains("bare has no plan");
        Path plan = Files.writeString(state.resolve("plan.json"), "{\"sites\":[]}");
        Cli.Result both = Cli.run("collector", "--state", state.toString(), "--plan", plan.toString(), "--site", "bare");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--site");
    }

    @Test
    void anUnknownSiteIsAUsageErrorNamingIt() throws Exception {
        store("a.example.com", "example.com", ReportClass.ROLLOVER_MISTAKE, Instant.now(), "v1");
        Cli.Result r = Cli.run("reports", "--state", state.toString(), "--site", "nosuch");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("--site nosuch").contains("no site");
        assertThat(r.out()).isEmpty();
        // a host the reports were filed under, without any plan, still selects them
        assertThat(new ObjectMapper().readTree(ok("reports", "--site", "a.example.com", "--json")).get("total").asLong())
                .isEqualTo(1);
    }

    @Test
    void aSiteWithKeysButNoPlanYetHasItsDomainsReportsAndNoPlan() throws Exception {
        ok("keys", "init", "--site", "bare", "--domain", "bare.example", "--backup", "ec:p256", "--backup", "ec:p384");
        store("other.example", null, ReportClass.NOISE, Instant.now(), null);
        String text = ok("reports", "--site", "bare");
        assertThat(text).contains("reports: 0").doesNotContain("other.example").doesNotContain("site bare");
        store("bare.example", null, ReportClass.NOISE, Instant.now(), null); // filed before it had a plan: noise
        JsonNode json = new ObjectMapper().readTree(ok("reports", "--site", "bare", "--json"));
        assertThat(json.get("total").asLong()).isEqualTo(1);
        assertThat(json.has("sites")).isFalse();
    }

    private String ok(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--state", state.toString()));
        Cli.Result r = Cli.run(all.toArray(String[]::new));
        assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r.out();
    }
}
