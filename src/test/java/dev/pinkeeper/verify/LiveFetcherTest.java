package dev.pinkeeper.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.analyse.Severity;
import dev.pinkeeper.catalogue.CaCatalogue;
import dev.pinkeeper.pin.ChainValidator;
import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TestPki.Cert;
import dev.pinkeeper.testing.TlsNginx;

/** What {@link LiveFetcher} reads from a real nginx, and how it fails. */
class LiveFetcherTest {
    static final String HOST = "site.test";

    @TempDir
    static Path dir;

    static Cert root;
    static Cert intermediate;
    static Cert leaf;
    static TlsNginx nginx;

    @BeforeAll
    static void start() {
        root = TestPki.root("Fetch Root");
        intermediate = TestPki.intermediate("Fetch CA", root);
        leaf = TestPki.leaf(intermediate, HOST);
        nginx = TlsNginx.start(dir, List.of(
                TlsNginx.site("misordered", leaf, root, intermediate)
                        .header("Public-Key-Pins-Report-Only", "pin-sha256=\"" + leaf.pin().base64() + "\"")
                        .header("public-key-pins-report-only", "second")
                        .header("Strict-Transport-Security", "max-age=31536000"),
                TlsNginx.site("tls13", leaf, intermediate)
                        .directives("ssl_protocols TLSv1.3; location / { return 200 \"ok\\n\"; }"),
                TlsNginx.site("redirect", leaf, intermediate)
                        .directives("location / { return 301 https://www.site.test/; }")));
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
    }

    static SiteAddress site(String name) {
        return new SiteAddress(HOST, nginx.port(name), "/");
    }

    @Test
    void recordsTheChainAsServedAndEveryHeaderValueInOrder() throws Exception {
        LiveResponse response = new LiveFetcher().connectTo("127.0.0.1").fetch(site("misordered"));

        assertThat(response.servedChain()).containsExactly(leaf.certificate(), root.certificate(),
                intermediate.certificate());
        assertThat(response.values("PUBLIC-KEY-PINS-REPORT-ONLY"))
                .containsExactly("pin-sha256=\"" + leaf.pin().base64() + "\"", "second");
        assertThat(response.values("Public-Key-Pins")).isEmpty();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.tlsVersion()).startsWith("TLSv1.");
        assertThat(response.address()).isEqualTo("127.0.0.1:" + nginx.port("misordered"));
    }

    @Test
    void theValidatorSortsAMisorderedChainAndNamesItsCertificates() throws Exception {
        LiveResponse response = new LiveFetcher().connectTo("127.0.0.1").fetch(site("misordered"));
        LiveReport report = new LiveVerifier(new ChainValidator(List.of(root.certificate())), CaCatalogue.bundled())
                .verify(response, Instant.now());

        assertThat(report.chain().chainValid()).as(report.chain().reason()).isTrue();
        assertThat(report.chain().validatedChainPins()).containsExactly(leaf.pin(), intermediate.pin(), root.pin());
        assertThat(report.pinHeaders()).hasSize(2);
        assertThat(report.pinHeaders().get(1).analysis().check().parse().pins()).isEmpty();
        assertThat(report.findings()).anyMatch(f -> f.code().equals("pkp-several") && f.severity() == Severity.WARNING);
    }

    @Test
    void theChainIsRecordedOverTls13Too() throws Exception {
        LiveResponse response = new LiveFetcher().connectTo("127.0.0.1").fetch(site("tls13"));

        assertThat(response.tlsVersion()).isEqualTo("TLSv1.3");
        assertThat(response.servedChain()).containsExactly(leaf.certificate(), intermediate.certificate());
    }

    @Test
    void connectToAcceptsAHostName() throws Exception {
        LiveResponse response = new LiveFetcher().connectTo("localhost").fetch(site("misordered"));

        assertThat(response.servedChain().get(0)).isEqualTo(leaf.certificate());
    }

    @Test
    void aRedirectIsNotFollowedAndIsNoted() throws Exception {
        LiveResponse response = new LiveFetcher().connectTo("127.0.0.1").fetch(site("redirect"));
        LiveReport report = new LiveVerifier(new ChainValidator(List.of(root.certificate())), CaCatalogue.bundled())
                .verify(response, Instant.now());

        assertThat(response.status()).isEqualTo(301);
        assertThat(response.values("Location")).containsExactly("https://www.site.test/");
        assertThat(report.findings()).anyMatch(f -> f.code().equals("http-status")
                && f.message().contains("301 to https://www.site.test/"));
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            LiveFetcher fetcher = new LiveFetcher().connectTo("127.0.0.1").timeout(Duration.ofMillis(300));
            long start = System.nanoTime();

            assertThatThrownBy(() -> fetcher.fetch(new SiteAddress(HOST, silent.getLocalPort(), "/")))
                    .isInstanceOf(FetchException.class).hasMessageContaining("no answer from 127.0.0.1:"
                            + silent.getLocalPort() + " within 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aTlsServerThatDoesNotSpeakHttpIsNamedAsSuch() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("leaf", leaf.keyPair().getPrivate(), new char[0],
                new Certificate[] {leaf.certificate(), intermediate.certificate()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        try (SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (Socket client = server.accept()) {
                    client.getInputStream().read(new byte[4096]);
                    client.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    client.getOutputStream().flush();
                } catch (IOException e) {
                    // the client gave up: the assertion below says why
                }
            });
            answer.start();

            assertThatThrownBy(() -> new LiveFetcher().connectTo("127.0.0.1").timeout(Duration.ofSeconds(5))
                    .fetch(new SiteAddress(HOST, server.getLocalPort(), "/")))
                    .isInstanceOf(FetchException.class)
                    .hasMessage("not an HTTP answer from 127.0.0.1:" + server.getLocalPort()
                            + ": Unexpected status line: SSH-2.0-OpenSSH_9.2");
            answer.join(5000);
        }
    }

    @Test
    void anUnknownHostIsNamed() {
        assertThatThrownBy(() -> new LiveFetcher().connectTo("no-such-host.invalid").fetch(site("misordered")))
                .isInstanceOf(FetchException.class).hasMessage("cannot resolve no-such-host.invalid");
    }
}
