package dev.pinkeeper.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.pinkeeper.testing.TestPki;

/**
 * ACME Renewal Information from a CA that offers it (a minimal directory on loopback: pebble 2.4
 * has no ARI): the window is the CA's, asked for with the RFC 9773 certificate identifier.
 */
class RenewalInfoTest {
    @TempDir
    Path dir;
    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile boolean offerAri = true;

    static final Instant START = Instant.parse("2027-03-01T00:00:00Z");
    static final Instant END = Instant.parse("2027-03-03T00:00:00Z");

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            String body;
            if (path.equals("/dir")) {
                body = "{\"newNonce\":\"" + base + "/nonce\",\"newAccount\":\"" + base + "/account\","
                        + "\"newOrder\":\"" + base + "/order\""
                        + (offerAri ? ",\"renewalInfo\":\"" + base + "/ari\"" : "") + "}";
            } else if (path.startsWith("/ari/")) {
                body = "{\"suggestedWindow\":{\"start\":\"" + START + "\",\"end\":\"" + END + "\"}}";
            } else {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    Issuer issuer() {
        return new Issuer(IssuerSettings.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/dir"),
                dir.resolve("account")));
    }

    @Test
    void usesTheCasSuggestedWindow() throws Exception {
        X509Certificate cert = certificateWithAki(new BigInteger("87654321"));
        RenewalWindow window = issuer().renewalWindow(cert);

        assertThat(window).isEqualTo(new RenewalWindow(START, END, RenewalWindow.Source.ARI));
        // RFC 9773 §4.1: base64url(AKI keyIdentifier) "." base64url(serial number bytes)
        byte[] aki = org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(cert.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                        .getOctets()).getKeyIdentifier();
        String certId = Base64.getUrlEncoder().withoutPadding().encodeToString(aki) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(new BigInteger("87654321").toByteArray());
        assertThat(requests).contains("GET /ari/" + certId);
        assertThat(requests).noneMatch(r -> r.startsWith("POST")).noneMatch(r -> r.contains("/account"));
        assertThat(dir.resolve("account")).doesNotExist();
    }

    @Test
    void fallsBackWhenTheDirectoryHasNoRenewalInfo() throws Exception {
        offerAri = false;
        X509Certificate cert = certificateWithAki(BigInteger.TEN);
        RenewalWindow window = issuer().renewalWindow(cert);

        assertThat(window.source()).isEqualTo(RenewalWindow.Source.DEFAULT);
        assertThat(window.end()).isEqualTo(cert.getNotAfter().toInstant());
        assertThat(requests).noneMatch(r -> r.contains("/ari"));
    }

    static X509Certificate certificateWithAki(BigInteger serial) throws Exception {
        KeyPair issuer = TestPki.ecKey();
        KeyPair subject = TestPki.ecKey();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Test Issuer"), serial,
                java.util.Date.from(now), java.util.Date.from(now.plus(Duration.ofDays(90))),
                new X500Name("CN=ari.example.test"), subject.getPublic());
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.getPublic()));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }
}
