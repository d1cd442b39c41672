package dev.pinkeeper.report.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.report.HeaderVersion;
import dev.pinkeeper.report.PlannedPin;
import dev.pinkeeper.report.PublicRoots;
import dev.pinkeeper.report.Reports;
import dev.pinkeeper.report.SitePlan;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.report.TimelineEvent;
import dev.pinkeeper.report.http.CollectorConfig;
import dev.pinkeeper.report.http.CollectorServer;
import dev.pinkeeper.report.store.Databases;
import dev.pinkeeper.report.store.JdbcReportStore;

/** The dashboard end to end in headless Chromium: it loads, shows the reports, and shows hostile payloads as text. */
class DashboardChromiumTest {
    static final String SCRIPT_PAYLOAD = "<script>document.body.setAttribute(\"data-pwned\",\"script\")</script>.evil.test";
    static final String IMG_PAYLOAD = "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">";

    @TempDir
    static Path state;
    static JdbcReportStore store;
    static CollectorServer server;

    @BeforeAll
    static void start() throws Exception {
        TestPki.Cert root = TestPki.root("Public Root");
        TestPki.Cert ca = TestPki.builder("Public CA R1").issuer(root).ca().issue();
        java.security.KeyPair keyA = TestPki.ecKeyPair();
        java.security.KeyPair keyB = TestPki.ecKeyPair();
        TestPki.Cert leafA = TestPki.builder("example.com").issuer(ca).keyPair(keyA).issue();
        TestPki.Cert leafB = TestPki.builder("example.com").issuer(ca).keyPair(keyB).issue();
        TestPki.Cert backup = TestPki.root("offline backup");
        SitePlan plan = new SitePlan("example.com", true,
                List.of(new PlannedPin(leafA.pin(), "retired", "key A"), new PlannedPin(leafB.pin(), "current", "key B"),
                        new PlannedPin(backup.pin(), "backup", "offline key")),
                List.of(new HeaderVersion("v1", Set.of(leafA.pin(), backup.pin()), Instant.parse("2026-01-01T00:00:00Z"),
                                Instant.parse("2026-06-01T00:00:00Z")),
                        new HeaderVersion("v2", Set.of(leafB.pin(), backup.pin()), Instant.parse("2026-06-01T00:00:00Z"), null)),
                List.of(new TimelineEvent(Instant.parse("2026-06-02T00:00:00Z"), "key B goes live")));
        store = JdbcReportStore.open(Databases.embeddedUrl(state));
        server = CollectorServer.start(CollectorConfig.defaults("127.0.0.1", 0).withRate(1000, 1000), store,
                SitePlans.of(List.of(plan)), PublicRoots.of(Set.of(root.pin())), state);
        TestPki.Cert otherCa = TestPki.builder("Surprise CA").issuer(root).ca().issue();
        TestPki.Cert misissued = TestPki.builder("example.com").issuer(otherCa).issue();
        for (int i = 0; i < 3; i++) {
            post(Reports.chromium("www.example.com", List.of(leafB.pem(), ca.pem()), List.of(leafB.pem(), ca.pem(), root.pem()),
                    List.of(leafA.pin().headerDirective(), backup.pin().headerDirective())));
        }
        post(Reports.chromium("example.com", List.of(misissued.pem(), otherCa.pem()),
                List.of(misissued.pem(), otherCa.pem(), root.pem()), List.of(leafB.pin().headerDirective(), backup.pin().headerDirective())));
        post(Reports.chromium(SCRIPT_PAYLOAD, List.of(), List.of(), List.of(IMG_PAYLOAD)));
        post(Reports.trustKit(IMG_PAYLOAD, "api.example.com", List.of(leafB.pem(), ca.pem(), root.pem()),
                List.of(leafA.pin().headerDirective(), backup.pin().headerDirective())));
    }

    static void post(String body) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/report"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    String url() {
        return "http://127.0.0.1:" + server.operatorPort() + "/";
    }

    @Test
    void pageShowsReportsAndHostilePayloadsAsTextInChromium() throws Exception {
        String dom = HeadlessChromium.dumpDom(url(), Files.createTempDirectory(state, "profile"));
        assertThat(dom).contains("<title>pinkeeper reports</title>");
        assertThat(dom).contains("6 reports");
        assertThat(dom).contains("rollover-mistake").contains("unexpected-chain").contains("CN=Surprise CA");
        assertThat(dom).contains("key B goes live").contains("offline key");
        assertThat(dom).contains("<svg class=\"chart\"");
        // the payloads are shown as text ...
        assertThat(dom).contains("&lt;script&gt;document.body.setAttribute(\"data-pwned\",\"script\")&lt;/script&gt;.evil.test");
        assertThat(dom).contains("&lt;img src=x onerror=\"document.body.setAttribute('data-pwned','img')\"&gt;");
        // ... and none ran nor became an element
        assertThat(dom).doesNotContain("data-pwned=").doesNotContain("<script").doesNotContain("<img");
    }

    @Test
    void rawHtmlEscapesPayloadsAndForbidsScripts() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
        assertThat(page.body()).doesNotContain("<script").doesNotContain("<img");
    }

    @Test
    void screenshotShowsThePage() throws Exception {
        Path png = Path.of("target", "dashboard.png").toAbsolutePath();
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        HeadlessChromium.screenshot(url(), Files.createTempDirectory(state, "profile"), png);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(10_000);
        assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
