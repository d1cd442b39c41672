package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLPeerUnverifiedException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.TlsClients;
import dev.pinkeeper.testing.TlsNginx;
import okhttp3.CertificatePinner;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The pins {@code pinkeeper verify} reports for a live nginx, checked by clients that enforce pins on
 * their own, through {@code pinkeeper export}: curl's {@code --pinnedpubkey} (leaf key only; exit 90 on
 * mismatch) and OkHttp's CertificatePinner (any key of its cleaned chain).
 */
class VerifyCrossCheckTest {
    static final String HOST = VerifySite.HOST;

    @TempDir
    static Path dir;

    static VerifySite site;
    static TlsNginx nginx;
    static JsonNode report;

    @BeforeAll
    static void start() throws Exception {
        site = VerifySite.issue(dir, "Cross");
        nginx = TlsNginx.start(dir, List.of(TlsNginx.site("site", site.leaf(), site.intermediate())
                .header("Public-Key-Pins", site.pkpHeader(600))
                .header("Strict-Transport-Security", "max-age=31536000")));
        Cli.Result run = site.verify(nginx.port("site"), "--json");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        report = new ObjectMapper().readTree(run.out());
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
    }

    static String reportedLeafPin() {
        return report.get("chain").get("servedChain").get(0).get("pin").asText();
    }

    static int curl(String pinnedPubKey) throws Exception {
        int port = nginx.port("site");
        return TlsClients.curl(VerifySite.url(port), site.trust(), List.of(),
                "--resolve", HOST + ":" + port + ":127.0.0.1", "--pinnedpubkey", pinnedPubKey).status();
    }

    /** {@code pinkeeper export FORMAT --host site.test --pin P...} as JSON. */
    static JsonNode export(String format, List<String> pins) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("export", format, "--host", HOST, "--json"));
        pins.forEach(p -> args.addAll(List.of("--pin", p)));
        Cli.Result run = Cli.run(args.toArray(String[]::new));
        assertThat(run.err()).isEmpty();
        return new ObjectMapper().readTree(run.out());
    }

    /** The pins of the Public-Key-Pins header verify found, in header order. */
    static List<String> servedHeaderPins() {
        List<String> pins = new java.util.ArrayList<>();
        report.get("publicKeyPins").get(0).get("pins").forEach(p -> pins.add(p.get("pin").asText()));
        return pins;
    }

    @Test
    void curlAcceptsTheLeafPinPinkeeperReports() throws Exception {
        assertThat(curl("sha256//" + reportedLeafPin())).isZero();
    }

    @Test
    void curlAcceptsTheExportedPinsOfTheServedHeader() throws Exception {
        String pinned = export("curl", servedHeaderPins()).get("pinnedpubkey").asText();

        assertThat(pinned).contains("sha256//" + reportedLeafPin()).contains("sha256//" + site.backup());
        assertThat(curl(pinned)).isZero();
    }

    @Test
    void curlRefusesAnotherPinWithExit90() throws Exception {
        String root = report.get("chain").get("validatedChain").get(2).get("pin").asText();

        assertThat(curl(export("curl", List.of(site.backup())).get("pinnedpubkey").asText())).isEqualTo(90);
        assertThat(curl("sha256//" + root)).as("curl checks the leaf key only").isEqualTo(90);
    }

    static OkHttpClient okHttp(CertificatePinner pinner) throws Exception {
        return TlsClients.okHttpClient(site.trust(), pinner).newBuilder()
                .dns(hostname -> List.of(InetAddress.getLoopbackAddress())).build();
    }

    @Test
    void okHttpCertificatePinnerAcceptsTheServedHeadersPins() throws Exception {
        CertificatePinner.Builder pinner = new CertificatePinner.Builder();
        export("okhttp", servedHeaderPins()).get("pins").forEach(p -> pinner.add(HOST, "sha256/" + p.asText()));
        Request request = new Request.Builder().url(VerifySite.url(nginx.port("site"))).build();

        try (Response response = okHttp(pinner.build()).newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Public-Key-Pins")).contains(reportedLeafPin());
        }
    }

    @Test
    void okHttpCertificatePinnerRefusesOnlyTheBackupPin() throws Exception {
        CertificatePinner pinner = new CertificatePinner.Builder().add(HOST, "sha256/" + site.backup()).build();
        Request request = new Request.Builder().url(VerifySite.url(nginx.port("site"))).build();

        assertThatThrownBy(() -> okHttp(pinner).newCall(request).execute().close())
                .isInstanceOf(SSLPeerUnverifiedException.class).hasMessageContaining("Certificate pinning failure");
    }
}
