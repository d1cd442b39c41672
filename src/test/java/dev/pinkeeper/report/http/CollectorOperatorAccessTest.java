package dev.pinkeeper.report.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.report.PlannedPin;
import dev.pinkeeper.report.PublicRoots;
import dev.pinkeeper.report.SitePlan;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.store.Databases;
import dev.pinkeeper.report.store.JdbcReportStore;
import dev.pinkeeper.testing.TestPki;

/**
 * The collector's two addresses, by real HTTP requests and raw sockets: the report address takes
 * reports and nothing else (405, counted), the dashboard and metrics are on the operator address
 * only (behind a token when one is set), and every answer, Jetty's own error pages included, carries
 * a policy that loads nothing and lets nobody frame it.
 */
class CollectorOperatorAccessTest {
    static final String TOKEN = "0123456789abcdef0123456789abcdef-operator";
    static final TestPki.Cert KEY = TestPki.root("secret-site key");
    static final SitePlan PLAN = new SitePlan("secret-site.example", false,
            List.of(new PlannedPin(KEY.pin(), "current", "key-id-7")), List.of(), List.of());
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path state;
    static JdbcReportStore store;
    static CollectorServer open;
    static CollectorServer guarded;

    @BeforeAll
    static void start() throws Exception {
        store = JdbcReportStore.open(Databases.embeddedUrl(state));
        CollectorConfig config = CollectorConfig.defaults("127.0.0.1", 0).withRate(10_000, 10_000);
        open = CollectorServer.start(config, store, SitePlans.of(List.of(PLAN)), PublicRoots.of(Set.of()),
                state.resolve("open"));
        guarded = CollectorServer.start(config.withOperator(OperatorAccess.loopback(0).withToken(OperatorToken.of(TOKEN))),
                store, SitePlans.of(List.of(PLAN)), PublicRoots.of(Set.of()), state.resolve("guarded"));
    }

    @AfterAll
    static void stop() {
        open.close();
        guarded.close();
        store.close();
    }

    static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static double rejected(CollectorServer server, String reason) throws Exception {
        return CollectorHttpTest.metric(get(server.operatorPort(), "/metrics").body(),
                "pinkeeper_reports_rejected_total{reason=\"" + reason + "\"}");
    }

    /** What a raw request gets: the status line and headers, and the body. */
    static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void theReportAddressServesNoDashboardNorMetricsAndCountsEveryWrongMethod() throws Exception {
        double before = rejected(open, "method-not-allowed");
        for (String path : List.of("/", "/metrics", "/healthz", "/?site=secret-site.example")) {
            HttpResponse<String> response = get(open.port(), path);
            assertThat(response.statusCode()).as(path).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).contains("POST");
            assertThat(response.body()).doesNotContain("secret-site").doesNotContain("key-id-7")
                    .doesNotContain(KEY.pin().base64()).doesNotContain("pinkeeper_");
        }
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + open.port() + "/r"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(rejected(open, "method-not-allowed") - before).isEqualTo(5);
    }

    @Test
    void theOperatorAddressServesTheDashboardThatNobodyMayFrame() throws Exception {
        HttpResponse<String> page = get(open.operatorPort(), "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("secret-site.example").contains("key-id-7");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("frame-ancestors 'none'").contains("default-src 'none'")
                        .doesNotContain("script-src"));
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        HttpResponse<String> metrics = get(open.operatorPort(), "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("pinkeeper_reports_received_total");
        assertThat(metrics.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        // a report sent to the operator address by mistake is not taken
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + open.operatorPort() + "/"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void jettysOwnErrorPagesLoadNothingAndAreCountedOnTheReportAddress() throws Exception {
        double tooLarge = rejected(open, "headers-too-large");
        double malformed = rejected(open, "malformed-http");
        String large = raw(open.port(), "POST /report HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(40_000) + "\r\n\r\n");
        String garbage = raw(open.port(), "GARBAGE\r\n\r\n");
        String badHeader = raw(open.port(), "POST /report HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
        String operatorLarge = raw(open.operatorPort(), "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(40_000) + "\r\n\r\n");
        assertThat(large).startsWith("HTTP/1.1 431 ");
        assertThat(garbage).startsWith("HTTP/1.1 400 ");
        assertThat(badHeader).startsWith("HTTP/1.1 400 ");
        assertThat(operatorLarge).startsWith("HTTP/1.1 431 ");
        for (String answer : List.of(large, garbage, badHeader, operatorLarge)) {
            String headers = answer.substring(0, answer.indexOf("\r\n\r\n"));
            assertThat(headers).containsPattern("(?m)^Content-Security-Policy: default-src 'none';.*frame-ancestors 'none'")
                    .containsPattern("(?m)^X-Content-Type-Options: nosniff");
            assertThat(answer).doesNotContain("at org.eclipse").doesNotContain("Caused by");
        }
        assertThat(rejected(open, "headers-too-large") - tooLarge).isEqualTo(1);
        assertThat(rejected(open, "malformed-http") - malformed).isEqualTo(2);
    }

    @Test
    void aTokenGuardsTheOperatorAddressWhateverTheScheme() throws Exception {
        HttpResponse<String> none = get(guarded.operatorPort(), "/metrics");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Basic "));
        assertThat(none.body()).doesNotContain("pinkeeper_");
        assertThat(get(guarded.operatorPort(), "/", "Authorization", "Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);
        assertThat(get(guarded.operatorPort(), "/", "Authorization", "Bearer " + TOKEN.substring(1)).statusCode()).isEqualTo(401);
        assertThat(get(guarded.operatorPort(), "/", "Authorization", "Token " + TOKEN).statusCode()).isEqualTo(401);
        HttpResponse<String> bearer = get(guarded.operatorPort(), "/metrics", "Authorization", "Bearer " + TOKEN);
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(bearer.body()).contains("pinkeeper_reports_received_total");
        String basic = Base64.getEncoder().encodeToString(("anyone:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> browser = get(guarded.operatorPort(), "/", "Authorization", "Basic " + basic);
        assertThat(browser.statusCode()).isEqualTo(200);
        assertThat(browser.body()).contains("secret-site.example");
        // the token never opens the report address to anything but reports
        assertThat(get(guarded.port(), "/metrics", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(405);
    }

    @Test
    void disabledOperatorEndpointsListenNowhere() throws Exception {
        try (CollectorServer bare = CollectorServer.start(CollectorConfig.defaults("127.0.0.1", 0)
                .withOperator(OperatorAccess.disabled()), store, SitePlans.none(), PublicRoots.of(Set.of()),
                state.resolve("bare"))) {
            assertThat(bare.operatorPort()).isEqualTo(-1);
            assertThat(get(bare.port(), "/").statusCode()).isEqualTo(405);
        }
    }

    @Test
    void tokenFilesAreCheckedBeforeUse(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> OperatorToken.read(file)).isInstanceOf(IOException.class)
                .hasMessage(file + ": the operator token is accessible by group or others; fix it with: chmod 600 " + file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(OperatorToken.read(file).admits("Bearer " + TOKEN)).isTrue();
        assertThat(OperatorToken.read(file).toString()).doesNotContain(TOKEN);
        Files.writeString(file, "short\n");
        assertThatThrownBy(() -> OperatorToken.read(file)).hasMessageContaining("at least 32 characters");
        Files.writeString(file, TOKEN + " " + TOKEN);
        assertThatThrownBy(() -> OperatorToken.read(file)).hasMessageContaining("without spaces");
        assertThatThrownBy(() -> OperatorToken.read(dir.resolve("missing"))).isInstanceOf(IOException.class)
                .hasMessageStartingWith(dir.resolve("missing") + ": cannot read the operator token");
    }
}
