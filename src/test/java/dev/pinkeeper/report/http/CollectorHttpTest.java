package dev.pinkeeper.report.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.report.PublicRoots;
import dev.pinkeeper.report.Reports;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.testing.Await;
import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.report.store.Databases;
import dev.pinkeeper.report.store.JdbcReportStore;
import dev.pinkeeper.report.store.ReportQuery;
import dev.pinkeeper.report.store.ReportSummary;

/** Real HTTP requests to a collector on 127.0.0.1, one per status code the collector answers. */
class CollectorHttpTest {
    @TempDir
    static Path state;

    static JdbcReportStore store;
    static CollectorServer server;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    static final TestPki.Cert ROOT = TestPki.root("Test Public Root");
    static final TestPki.Cert LEAF = TestPki.builder("www.example.com").issuer(ROOT).issue();

    @BeforeAll
    static void start() throws Exception {
        store = JdbcReportStore.open(Databases.embeddedUrl(state));
        CollectorConfig config = CollectorConfig.defaults("127.0.0.1", 0).withRate(10_000, 10_000)
                .withMaxBodyBytes(16 * 1024).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1));
        server = CollectorServer.start(config, store, SitePlans.none(), PublicRoots.of(java.util.Set.of(ROOT.pin())), state);
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The summary for {@code site} once it holds {@code count} reports: they are stored after their 204. */
    static ReportSummary stored(String site, long count) throws InterruptedException {
        return Await.until(() -> {
            try {
                return store.summarize(new ReportQuery(site, null, 10));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }, s -> s.total() >= count, Duration.ofSeconds(20));
    }

    static String scrape() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.operatorPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static String validReport(String host) {
        return Reports.chromium(host, List.of(LEAF.pem(), ROOT.pem()), List.of(LEAF.pem(), ROOT.pem()),
                List.of(TestPki.root("Other").pin().headerDirective()));
    }

    @Test
    void chromiumReportIsAcceptedAndStored() throws Exception {
        HttpResponse<String> response = post("/report", "application/json; charset=utf-8", validReport("chromium.test"));
        assertThat(response.statusCode()).isEqualTo(204);
        ReportSummary summary = stored("chromium.test", 1);
        assertThat(summary.total()).isEqualTo(1);
        assertThat(summary.recent().get(0).format()).isEqualTo("rfc7469");
        assertThat(summary.recent().get(0).leafSubject()).startsWith("CN=www.example.com,");
    }

    @Test
    void trustKitReportIsAcceptedAndStored() throws Exception {
        String body = Reports.trustKit("com.example.app", "trustkit.test", List.of(LEAF.pem(), ROOT.pem()),
                List.of(LEAF.pin().headerDirective()));
        assertThat(post("/", "application/json", body).statusCode()).isEqualTo(204);
        ReportSummary summary = stored("trustkit.test", 1);
        assertThat(summary.total()).isEqualTo(1);
        assertThat(summary.recent().get(0).format()).isEqualTo("trustkit");
        assertThat(summary.recent().get(0).appBundleId()).isEqualTo("com.example.app");
    }

    @Test
    void malformedJsonIs400WithReason() throws Exception {
        HttpResponse<String> response = post("/report", "application/json", "{\"hostname\": ");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("malformed JSON");
    }

    @Test
    void wrongTypeIs400WithReason() throws Exception {
        HttpResponse<String> response = post("/report", "application/json", "{\"hostname\":\"a.test\",\"port\":\"443\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body().strip()).isEqualTo("port must be an integer from 0 to 65535");
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        HttpResponse<String> response = post("/report", "text/html", validReport("type.test"));
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("application/json");
        assertThat(post("/report", null, validReport("type.test")).statusCode()).isEqualTo(415);
    }

    @Test
    void cspReportContentTypeIsAccepted() throws Exception {
        assertThat(post("/report", "application/csp-report", validReport("csp.test")).statusCode()).isEqualTo(204);
    }

    @Test
    void declaredLargeBodyIs413() throws Exception {
        HttpResponse<String> response = post("/report", "application/json", "{\"hostname\":\"" + "a".repeat(20_000) + "\"}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("larger than 16384 bytes");
    }

    @Test
    void chunkedLargeBodyIsCutOffWith413() throws Exception {
        byte[] big = new byte[1 << 20];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpRequest request = HttpRequest.newBuilder(uri("/report")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        // a fresh connection: a pooled one may reach the server's idle timeout just as this POST is sent
        // (the client does not retry a POST), which has nothing to do with the 413
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = fresh.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void everyMethodButPostIs405OnTheReportAddress() throws Exception {
        // the report address takes reports and nothing else: the dashboard is on the operator address
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(uri("/report"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).contains("POST");
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(uri("/report")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void slowClientIsCutOffWith408() throws Exception {
        String name = "pinkeeper_reports_rejected_total{reason=\"slow-client\"}";
        double before = metric(scrape(), name);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /report HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 200\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 40; i++) {
                        Thread.sleep(200);
                        out.write(' ');
                        out.flush();
                    }
                } catch (Exception closed) {
                    // the server hung up: expected
                }
            });
            trickle.start();
            String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            trickle.interrupt();
            assertThat(answer).isEqualTo("HTTP/1.1 408");
            assertThat(elapsedMillis).isLessThan(5_000); // cut off at the 1 s body deadline, not after 8 s of trickle
        }
        assertThat(metric(scrape(), name) - before).isEqualTo(1);
    }

    @Test
    void rateLimitGives429PerClient() throws Exception {
        try (JdbcReportStore limitedStore = JdbcReportStore.open(Databases.embeddedUrl(state.resolve("limited")));
                CollectorServer limited = CollectorServer.start(CollectorConfig.defaults("127.0.0.1", 0).withRate(0.1, 3),
                        limitedStore, SitePlans.none(), state.resolve("limited"))) {
            URI target = URI.create("http://127.0.0.1:" + limited.port() + "/report");
            int[] statuses = new int[5];
            for (int i = 0; i < statuses.length; i++) {
                statuses[i] = HTTP.send(HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(validReport("rate.test"))).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            }
            assertThat(statuses).containsExactly(204, 204, 204, 429, 429);
            assertThat(metric(limited.metrics().scrape(), "pinkeeper_reports_rejected_total{reason=\"rate-limited\"}"))
                    .isEqualTo(2);
            assertThat(Await.until(limited::pending, n -> n == 0, Duration.ofSeconds(20))).isZero();
            assertThat(limitedStore.count()).isEqualTo(3);
        }
    }

    @Test
    void randomBodiesNeverCrashTheCollector() throws Exception {
        Random random = new Random(7469);
        for (int i = 0; i < 150; i++) {
            byte[] body = new byte[random.nextInt(300)];
            random.nextBytes(body);
            if (i % 3 == 0) { // JSON-looking garbage too
                body = ("{\"hostname\":" + "[{\"".repeat(random.nextInt(5)) + new String(body, StandardCharsets.ISO_8859_1))
                        .getBytes(StandardCharsets.UTF_8);
            }
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/r")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(400);
        }
        assertThat(post("/report", "application/json", validReport("after-garbage.test")).statusCode()).isEqualTo(204);
    }

    @Test
    void metricsCountReceivedRejectedAndStored() throws Exception {
        post("/report", "application/json", validReport("metrics.test"));
        post("/report", "text/plain", "x");
        String metrics = scrape();
        assertThat(metric(metrics, "pinkeeper_reports_received_total")).isGreaterThanOrEqualTo(2);
        assertThat(metric(metrics, "pinkeeper_reports_journaled_total")).isGreaterThanOrEqualTo(1);
        assertThat(metric(metrics, "pinkeeper_reports_rejected_total{reason=\"unsupported-media-type\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metric(metrics, "pinkeeper_database_up")).isEqualTo(1.0);
        assertThat(metrics).contains("pinkeeper_report_request_seconds_bucket");
        stored("metrics.test", 1);
        String later = scrape();
        assertThat(metric(later, "pinkeeper_reports_stored_total")).isGreaterThanOrEqualTo(1);
        // the report has no plan: classified as noise, after its 204
        assertThat(metric(later, "pinkeeper_reports_classified_total{class=\"noise\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void everyRefusalIsCountedWithItsReason() throws Exception {
        String before = scrape();
        assertThat(post("/report", "application/json", "{\"hostname\": ").statusCode()).isEqualTo(400);
        assertThat(HTTP.send(HttpRequest.newBuilder(uri("/report")).method("DELETE", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        assertThat(HTTP.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(405);
        assertThat(post("/report", "application/json", "{\"hostname\":\"" + "a".repeat(20_000) + "\"}").statusCode())
                .isEqualTo(413);
        assertThat(post("/report", "text/plain", validReport("refused.test")).statusCode()).isEqualTo(415);
        // and what Jetty refuses before the collector sees it
        assertThat(CollectorOperatorAccessTest.raw(server.port(), "GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(CollectorOperatorAccessTest.raw(server.port(), "POST /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 414 ");
        assertThat(CollectorOperatorAccessTest.raw(server.port(), "POST /r HTTP/1.1\r\nHost: x\r\nX: " + "a".repeat(20_000)
                + "\r\n\r\n")).startsWith("HTTP/1.1 431 ");
        assertThat(CollectorOperatorAccessTest.raw(server.port(), "POST /r HTTP/3.0\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 505 ");
        String after = scrape();
        java.util.Map<String, Double> expected = java.util.Map.of("malformed", 1.0, "method-not-allowed", 2.0,
                "too-large", 1.0, "unsupported-media-type", 1.0, "malformed-http", 1.0, "uri-too-long", 1.0,
                "headers-too-large", 1.0, "other-http-error", 1.0, "rate-limited", 0.0, "unavailable", 0.0);
        for (var e : expected.entrySet()) {
            String name = "pinkeeper_reports_rejected_total{reason=\"" + e.getKey() + "\"}";
            assertThat(metric(after, name) - metric(before, name)).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void concurrentReportsAreAllAcknowledgedAndCountedInCommitBatches() throws Exception {
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 48; i++) {
            answers.add(HTTP.sendAsync(HttpRequest.newBuilder(uri("/report")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(validReport("batch" + i + ".test"))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (var answer : answers) {
            assertThat(answer.get().statusCode()).isEqualTo(204);
        }
        String metrics = scrape();
        double journaled = metric(metrics, "pinkeeper_reports_journaled_total");
        assertThat(journaled).isGreaterThanOrEqualTo(48);
        // every acknowledged report was fsynced in exactly one batch
        assertThat(metric(metrics, "pinkeeper_report_batch_reports_sum{outcome=\"journaled\"}")).isEqualTo(journaled);
        assertThat(metric(metrics, "pinkeeper_report_batch_reports_count{outcome=\"journaled\"}")).isBetween(1.0, journaled);
        assertThat(Await.until(server::pending, n -> n == 0, Duration.ofSeconds(20))).isZero();
        String later = scrape();
        double stored = metric(later, "pinkeeper_reports_stored_total");
        assertThat(stored).isEqualTo(metric(later, "pinkeeper_reports_journaled_total"));
        // and stored in exactly one database commit
        assertThat(metric(later, "pinkeeper_report_batch_reports_sum{outcome=\"stored\"}")).isEqualTo(stored);
        assertThat(metric(later, "pinkeeper_report_batch_reports_count{outcome=\"stored\"}")).isBetween(1.0, stored);
    }

    static double metric(String exposition, String name) {
        return exposition.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + name));
    }
}
