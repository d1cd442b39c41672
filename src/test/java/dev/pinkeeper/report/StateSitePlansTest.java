package dev.pinkeeper.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.lifecycle.AcmeSettings;
import dev.pinkeeper.lifecycle.CaSettings;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.PlanSettings;
import dev.pinkeeper.report.http.CollectorConfig;
import dev.pinkeeper.report.http.CollectorServer;
import dev.pinkeeper.report.store.Databases;
import dev.pinkeeper.report.store.JdbcReportStore;
import dev.pinkeeper.report.store.ReportQuery;
import dev.pinkeeper.report.store.ReportSummary;
import dev.pinkeeper.testing.Await;
import dev.pinkeeper.testing.TestPki;

/**
 * The collector on a real site of a state directory (keys, plan init, ramp, rollover through the
 * library): the header versions come from what the plan recorded as served, the pins carry the
 * inventory's roles, and a running collector sees a rollover once it re-reads the plans.
 */
class StateSitePlansTest {
    static final Instant START = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
    static final Instant RAMP = START.plus(Duration.ofDays(7));
    static final Instant ROLLOVER = START.plus(Duration.ofDays(8));
    static final TestPki.Cert ROOT = TestPki.root("Test Public Root");

    @TempDir
    Path temp;
    StateDirectory state;
    KeyInventory inventory;
    PlanService plans;

    @BeforeEach
    void site() throws Exception {
        state = new StateDirectory(temp.resolve("state"));
        inventory = new KeyInventory(state);
        inventory.create("web", List.of("web.example", "api.web.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        plans = new PlanService(inventory);
        plans.init("web", PlanSettings.DEFAULT, START);
        plans.advance("web", START, false);
        plans.rampStep("web", RAMP);
    }

    @Test
    void headerVersionsPinsWithRolesAndTimelineComeFromThePlan() throws Exception {
        SiteInventory keys = inventory.load("web");
        List<SitePlan> sites = StateSitePlans.open(state, List.of()).all();
        // one plan per domain of the site, the same keys
        assertThat(sites).extracting(SitePlan::site).containsExactly("web.example", "api.web.example");
        SitePlan web = sites.get(0);
        for (KeyEntry key : keys.keys()) {
            assertThat(web.pins()).contains(new PlannedPin(key.pin(), key.role().label(), key.id()));
        }
        assertThat(web.pins()).extracting(PlannedPin::role).containsExactlyInAnyOrder("current", "next", "backup", "backup");
        // report-only, then max-age 300 with the same pins: clients hold one pin set, one version
        assertThat(web.headerVersions()).hasSize(1);
        HeaderVersion v1 = web.headerVersions().get(0);
        assertThat(v1.pins()).isEqualTo(new HashSet<>(keys.pins()));
        assertThat(v1.servedFrom()).isEqualTo(START);
        assertThat(v1.servedUntil()).isNull();
        assertThat(web.timeline()).extracting(TimelineEvent::at).contains(START, RAMP);
        assertThat(web.timeline()).extracting(TimelineEvent::what)
                .anyMatch(w -> w.contains("ramp step") && w.contains("max-age=300"))
                .anyMatch(w -> w.equals("ramp step allowed, not taken yet: max-age 86400 s"))
                .anyMatch(w -> w.equals("planned ramp step (earliest): max-age 5184000 s"));
        // the overdue step is shown when it became allowed; the later ones cannot come before now
        assertThat(web.timeline()).filteredOn(e -> e.what().startsWith("ramp step allowed"))
                .extracting(TimelineEvent::at).containsExactly(RAMP.plusSeconds(300));
        assertThat(web.timeline()).filteredOn(e -> e.what().startsWith("planned"))
                .allSatisfy(e -> assertThat(e.at()).isAfter(Instant.now().minusSeconds(60)));
    }

    @Test
    void aRunningCollectorSeesTheRolloverAndMatchesReportsToTheOlderHeader() throws Exception {
        AtomicLong nanos = new AtomicLong();
        ReloadingSitePlans sitePlans = StateSitePlans.open(state, List.of("web"), Duration.ofSeconds(1), nanos::get);
        Set<Pin> v1Pins = new HashSet<>(inventory.load("web").pins());
        List<String> knownV1 = v1Pins.stream().map(Pin::headerDirective).toList();
        try (JdbcReportStore store = JdbcReportStore.open(Databases.embeddedUrl(temp.resolve("reports")));
                CollectorServer server = CollectorServer.start(CollectorConfig.defaults("127.0.0.1", 0), store,
                        sitePlans, PublicRoots.of(Set.of(ROOT.pin())), temp.resolve("collector"))) {
            plans.rollover("web", null, ROLLOVER, false);
            SiteInventory after = inventory.load("web");
            KeyEntry newNext = after.withRole(KeyRole.NEXT).get(0);
            assertThat(v1Pins).doesNotContain(newNext.pin());
            // the server presents the key pinned only by the new header to a client holding the old one
            TestPki.Cert leaf = TestPki.builder("web.example").keyPair(inventory.keyPair("web", newNext))
                    .issuer(ROOT).dns("web.example").issue();
            String report = Reports.chromium("web.example", List.of(leaf.pem(), ROOT.pem()), List.of(), knownV1);

            // less than a second later the collector has not looked again: the key is not the site's yet
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(900));
            assertThat(post(server, report)).isEqualTo(204);
            ReportSummary.Recent before = only(store, Set.of());
            assertThat(before.reportClass()).isEqualTo(ReportClass.UNEXPECTED_CHAIN.label());

            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
            assertThat(post(server, report)).isEqualTo(204);
            ReportSummary.Recent now = only(store, Set.of(before.id()));
            assertThat(now.site()).isEqualTo("web.example");
            assertThat(now.headerVersion()).isEqualTo("v1");
            assertThat(now.reportClass()).isEqualTo(ReportClass.ROLLOVER_MISTAKE.label());
            assertThat(now.reason()).contains("older header v1 (newest v2)");
            assertThat(sitePlans.lastError()).isNull();
            SitePlan web = sitePlans.forHost("web.example").orElseThrow();
            assertThat(web.headerVersions()).extracting(HeaderVersion::label).containsExactly("v1", "v2");
            assertThat(web.headerVersions().get(0).servedUntil()).isEqualTo(ROLLOVER);
            assertThat(web.headerVersions().get(1).pins()).contains(newNext.pin());
            assertThat(web.pins()).contains(new PlannedPin(newNext.pin(), "next", newNext.id()));
            assertThat(web.timeline()).extracting(TimelineEvent::what)
                    .anyMatch(w -> w.contains("rollover") && w.contains("newly pinned " + newNext.id()));
            // the dashboard shows the site's pins with their roles as they are now
            String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.operatorPort() + "/")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains("Site web.example")
                    .contains("<td>next</td><td>" + newNext.id() + "</td><td><code>" + newNext.pin().base64() + "</code>")
                    .contains("<td>retired</td>");
        }
    }

    @Test
    void aNamedSiteWithoutAPlanIsRefused() throws Exception {
        inventory.create("bare", List.of("bare.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        assertThatThrownBy(() -> StateSitePlans.open(state, List.of("bare")))
                .isInstanceOf(PlanException.class).hasMessageContaining("bare has no plan");
        // every site: the one without a plan is left out
        assertThat(StateSitePlans.open(state, List.of()).all()).extracting(SitePlan::site)
                .containsExactly("web.example", "api.web.example");
    }

    @Test
    void theDashboardsSiteFilterTakesTheSitesNameAndCoversEachOfItsDomains() throws Exception {
        List<String> known = inventory.load("web").pins().stream().map(Pin::headerDirective).toList();
        TestPki.Cert leaf = TestPki.builder("web.example").issuer(ROOT).dns("web.example").issue();
        try (JdbcReportStore store = JdbcReportStore.open(Databases.embeddedUrl(temp.resolve("reports")));
                CollectorServer server = CollectorServer.start(CollectorConfig.defaults("127.0.0.1", 0), store,
                        StateSitePlans.open(state, List.of()), PublicRoots.of(Set.of(ROOT.pin())), temp.resolve("collector"))) {
            for (String host : List.of("web.example", "api.web.example", "elsewhere.example")) {
                assertThat(post(server, Reports.chromium(host, List.of(leaf.pem(), ROOT.pem()), List.of(), known))).isEqualTo(204);
            }
            Await.until(() -> server.pending(), n -> n == 0, Duration.ofSeconds(20));
            String page = dashboard(server, "/?site=web");
            assertThat(page).contains("<p id=\"total\">2 reports for web").contains("Site web.example")
                    .contains("Site api.web.example").doesNotContain("elsewhere.example");
            // a host name still selects only its own reports
            assertThat(dashboard(server, "/?site=api.web.example")).contains("<p id=\"total\">1 reports for api.web.example");
            assertThat(dashboard(server, "/?site=nosuch")).contains("<p id=\"total\">0 reports for nosuch")
                    .doesNotContain("Site web.example");
        }
    }

    private static String dashboard(CollectorServer server, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.operatorPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void theCaRootsTheSitesDeploymentsTrustMakeItsChainsItsOwnOnceItsSettingsNameThem() throws Exception {
        // the site is deployed from a private CA (pebble here; Let's Encrypt staging or a company CA alike)
        TestPki.Cert pebbleRoot = TestPki.root("Pebble Root CA 3c1f00");
        TestPki.Cert pebbleCa = TestPki.intermediate("Pebble Intermediate CA 77aa01", pebbleRoot);
        Path roots = TestPki.writePem(temp.resolve("pebble-roots.pem"), pebbleRoot);
        AtomicLong nanos = new AtomicLong();
        ReloadingSitePlans sitePlans = StateSitePlans.open(state, List.of(), Duration.ofSeconds(1), nanos::get);
        ReportAnalyser analyzer = new ReportAnalyser(sitePlans, PublicRoots.of(Set.of(ROOT.pin())));
        List<String> known = inventory.load("web").pins().stream().map(Pin::headerDirective).toList();
        // a certificate of the site's own CA for a key the site does not pin
        TestPki.Cert stray = TestPki.builder("web.example").issuer(pebbleCa).dns("web.example").issue();
        ViolationReport report = new ReportParser().parse(Reports.chromium("web.example", List.of(stray.pem(), pebbleCa.pem()),
                List.of(stray.pem(), pebbleCa.pem(), pebbleRoot.pem()), known).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(analyzer.analyze(report).reportClass()).isEqualTo(ReportClass.INTERCEPTION);

        new SiteSettingsStore(inventory.layout("web")).updateAcme(new AcmeSettings(
                new CaSettings("https://127.0.0.1:14000/dir", null, roots.toString()), null, null, null, null, null, null,
                List.of()));
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(sitePlans.all()).allSatisfy(p -> {
            assertThat(p.roots()).containsExactly(pebbleRoot.pin());
            assertThat(p.name()).isEqualTo("web");
        });
        Analysis own = analyzer.analyze(report);
        assertThat(own.reportClass()).isEqualTo(ReportClass.UNEXPECTED_CHAIN);
        assertThat(own.reason()).contains("CN=Pebble Intermediate CA 77aa01");

        // a roots file that cannot be read is refused, naming it: the site's chains cannot be told apart
        java.nio.file.Files.delete(roots);
        assertThatThrownBy(() -> StateSitePlans.read(state, List.of("web"))).isInstanceOf(PlanException.class)
                .hasMessageContaining(roots.toString()).hasMessageContaining("no such file");
    }

    private static int post(CollectorServer server, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/report"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * The one stored report whose id is not in {@code seen}, once the collector has classified and stored
     * it (that happens after the 204).
     */
    private static ReportSummary.Recent only(JdbcReportStore store, Set<String> seen) throws Exception {
        List<ReportSummary.Recent> recent = Await.until(() -> {
            try {
                return store.summarize(new ReportQuery("web.example", null, 10)).recent().stream()
                        .filter(r -> !seen.contains(r.id())).toList();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> !r.isEmpty(), Duration.ofSeconds(20));
        assertThat(recent).hasSize(1);
        return recent.get(0);
    }
}
