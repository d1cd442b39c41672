package dev.pinkeeper.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLPeerUnverifiedException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pinkeeper.rehearse.LocalProcess;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.TlsClients;
import okhttp3.CertificatePinner;

/**
 * The pins pinkeeper reads are the pins real TLS clients enforce: a real TLS server
 * ({@code openssl s_server} on 127.0.0.1) serving an RSA and an EC chain, checked with curl's
 * {@code --pinnedpubkey} and OkHttp's {@link CertificatePinner}, right pin accepted, wrong one refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PinsAgreeWithTlsClientsTest {
    private static final String WRONG_PIN = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private final Map<String, Server> servers = new LinkedHashMap<>();
    private OpenSsl openssl;

    /** One running {@code openssl s_server} with its CA and leaf files. */
    record Server(LocalProcess process, int port, Path ca, Path leaf) {
    }

    @BeforeAll
    void startServers(@TempDir Path dir) throws Exception {
        openssl = new OpenSsl(dir);
        Files.writeString(dir.resolve("leaf.ext"),
                "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\nkeyUsage=digitalSignature,keyEncipherment\n"
                        + "extendedKeyUsage=serverAuth\n");
        for (String algorithm : List.of("rsa:2048", "ec:P-256")) {
            String p = algorithm.substring(0, algorithm.indexOf(':')) + "-";
            Path caKey = openssl.key(p + "ca.key", algorithm);
            Path ca = openssl.selfSigned(caKey, p + "ca.pem", "/CN=pinkeeper test CA " + p);
            Path leafKey = openssl.key(p + "leaf.key", algorithm);
            Path csr = openssl.csr(leafKey, p + "leaf.csr", "/CN=127.0.0.1");
            Path leaf = dir.resolve(p + "leaf.pem");
            openssl.openssl("x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                    "-set_serial", "2", "-days", "1", "-extfile", dir.resolve("leaf.ext").toString(),
                    "-out", leaf.toString());
            servers.put(p, start(dir, ca, leaf, leafKey));
        }
    }

    private static Server start(Path dir, Path ca, Path leaf, Path leafKey) {
        int port = FreePorts.next();
        LocalProcess process = LocalProcess.start("openssl s_server", List.of("openssl", "s_server",
                "-accept", "127.0.0.1:" + port, "-cert", leaf.toString(), "-key", leafKey.toString(),
                "-cert_chain", ca.toString(), "-www"), Map.of(), dir, dir.resolve("s_server-" + port + ".log"));
        process.awaitPorts(Duration.ofSeconds(20), port);
        return new Server(process, port, ca, leaf);
    }

    @AfterAll
    void stopServers() {
        servers.values().forEach(server -> server.process().close());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-", "ec-"})
    void curlAcceptsTheLeafPinAndRefusesAnother(String algorithm) throws Exception {
        Server server = servers.get(algorithm);
        String pin = pins(server.leaf()).get(0);

        assertThat(curl(server, pin)).isZero();
        assertThat(curl(server, WRONG_PIN)).isEqualTo(90);
        assertThat(curl(server, WRONG_PIN + ";sha256//" + pin)).as("one of several pins").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-", "ec-"})
    void okHttpAcceptsTheLeafOrCaPinAndRefusesAnother(String algorithm) throws Exception {
        Server server = servers.get(algorithm);
        String leafPin = pins(server.leaf()).get(0);
        String caPin = pins(server.ca()).get(0);

        assertThat(okHttpGet(server, leafPin)).isEqualTo(200);
        assertThat(okHttpGet(server, caPin)).isEqualTo(200);
        assertThatThrownBy(() -> okHttpGet(server, WRONG_PIN)).isInstanceOf(SSLPeerUnverifiedException.class)
                .hasMessageContaining("Certificate pinning failure");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-", "ec-"})
    void okHttpComputesTheSamePinOfEachCertificate(String algorithm) throws Exception {
        Server server = servers.get(algorithm);

        assertThat(CertificatePinner.pin(certificate(server.leaf()))).isEqualTo("sha256/" + pins(server.leaf()).get(0));
        assertThat(CertificatePinner.pin(certificate(server.ca()))).isEqualTo("sha256/" + pins(server.ca()).get(0));
    }

    private int curl(Server server, String pins) throws Exception {
        return TlsClients.curl("https://127.0.0.1:" + server.port() + "/", server.ca(), List.of(),
                "--noproxy", "*", "--pinnedpubkey", "sha256//" + pins).status();
    }

    private int okHttpGet(Server server, String pin) throws Exception {
        return TlsClients.okHttp("https://127.0.0.1:" + server.port() + "/", "127.0.0.1", server.ca(), List.of(pin));
    }

    private static List<String> pins(Path file) throws Exception {
        List<String> pins = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            new KeyMaterialReader(null).read(in, m -> pins.add(m.pin().base64()));
        }
        return pins;
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }
}
