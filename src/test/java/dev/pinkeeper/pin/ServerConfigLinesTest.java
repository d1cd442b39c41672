package dev.pinkeeper.pin;

import static dev.pinkeeper.pin.TestPins.A;
import static dev.pinkeeper.pin.TestPins.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.pinkeeper.testing.Apache;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Haproxy;
import dev.pinkeeper.testing.Nginx;

/**
 * The configuration lines of {@link HeaderConfigLines}, pasted into real nginx, Apache and HAProxy
 * configurations on 127.0.0.1: the header the server then sends must be exactly the built value.
 */
class ServerConfigLinesTest {
    private static final List<PkpHeader> HEADERS = List.of(
            new HeaderBuilder().pins(List.of(A, B)).maxAge(2_592_000L).includeSubDomains(true)
                    .reportUri("https://r.example/p;a=1,b&c?x=y#frag").build().header(),
            new HeaderBuilder().pins(List.of(A, B)).reportOnly(true).reportUri("https://r.example/ro").build().header());

    @TempDir
    Path dir;

    @Test
    void nginxSendsExactlyTheBuiltValue() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/sbin/nginx"))).as("nginx installed").isTrue();
        for (PkpHeader header : HEADERS) {
            assertThat(header).isNotNull();
            int port = FreePorts.next();
            try (Nginx nginx = Nginx.start(dir.resolve("nginx-" + port), String.join("\n",
                    "  server {", "    listen 127.0.0.1:" + port + ";",
                    "    " + HeaderConfigLines.nginx(header),
                    "    location / { return 200 \"ok\\n\"; }", "  }"), port)) {
                assertThat(sentHeader(port, header.name())).isEqualTo(header.value());
            }
        }
    }

    @Test
    void haproxySendsExactlyTheBuiltValue() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/sbin/haproxy"))).as("haproxy installed").isTrue();
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        try {
            for (PkpHeader header : HEADERS) {
                int port = FreePorts.next();
                try (Haproxy haproxy = Haproxy.start(dir.resolve("haproxy-" + port), String.join("\n",
                        "frontend web", "  bind 127.0.0.1:" + port,
                        "  " + HeaderConfigLines.haproxy(header),
                        "  default_backend app",
                        "backend app", "  server app 127.0.0.1:" + backend.getAddress().getPort()), port)) {
                    assertThat(sentHeader(port, header.name())).isEqualTo(header.value());
                }
            }
        } finally {
            backend.stop(0);
        }
    }

    @Test
    void apacheSendsExactlyTheBuiltValue() throws Exception {
        assumeThat(Files.isRegularFile(Apache.MODULES.resolve("mod_headers.so"))).as("apache2 installed").isTrue();
        int[] ports = new int[HEADERS.size()];
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < ports.length; i++) {
            ports[i] = FreePorts.next();
            hosts.append("<VirtualHost 127.0.0.1:").append(ports[i]).append(">\n  ")
                    .append(HeaderConfigLines.apache(HEADERS.get(i))).append("\n</VirtualHost>\n");
        }
        try (Apache apache = Apache.start(dir.resolve("apache"), hosts.toString(), ports)) {
            for (int i = 0; i < ports.length; i++) {
                assertThat(sentHeader(ports[i], HEADERS.get(i).name())).isEqualTo(HEADERS.get(i).value());
            }
        }
    }

    @Test
    void apacheLineEscapesTheQuotesOfThePins() {
        PkpHeader header = HEADERS.get(0);
        String line = HeaderConfigLines.apache(header);
        String quoted = line.substring("Header always set Public-Key-Pins ".length());
        // ap_getword_conf: the argument is the double-quoted string with \" and \\ unescaped.
        assertThat(quoted).startsWith("\"").endsWith("\"");
        String argument = quoted.substring(1, quoted.length() - 1).replace("\\\"", "\"");
        assertThat(argument).isEqualTo(header.value());
    }

    @Test
    void valuesAServerWouldInterpretAreRefused() {
        PkpHeader dollar = new PkpHeader(false, 1L, false, "https://r.example/$uri", List.of(A, B));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HeaderConfigLines.nginx(dollar))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'$'");
        assertThat(HeaderConfigLines.unsafeChar("https://r.example/ok")).isEqualTo(-1);
        assertThat(HeaderConfigLines.unsafeChar("50%")).isEqualTo('%');
    }

    /** The named response header of a GET / (the server already listens). */
    private static String sentHeader(int port, String name) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues(name)).hasSize(1);
        return response.headers().firstValue(name).orElseThrow();
    }
}
