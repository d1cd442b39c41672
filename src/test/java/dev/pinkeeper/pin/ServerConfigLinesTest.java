package dev.pinkeeper.pin;

import static dev.pinkeeper.pin.TestPins.A;
import static dev.pinkeeper.pin.TestPins.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.pinkeeper.testing.Apache;

/**
 * The configuration lines of {@link HeaderConfigLines}, pasted into real nginx, Apache and HAProxy
 * configurations on 127.0.0.1: every header the server then sends must be exactly the value given,
 * including values with {@code %2F}, quotes, backslashes and (where the server can carry it) {@code $}.
 */
class ServerConfigLinesTest {
    private static final PkpHeader ENFORCING = new HeaderBuilder().pins(List.of(A, B)).maxAge(2_592_000L)
            .includeSubDomains(true).reportUri("https://r.example/r%2Fd/p;a=1,b&c?x='y'#frag").build().header();
    private static final PkpHeader REPORT_ONLY = new HeaderBuilder().pins(List.of(A, B)).reportOnly(true)
            .reportUri("https://r.example/ro?to=a%40b.example").build().header();
    /** Values every server can send. */
    private static final Map<String, String> ALL = Map.of(
            ENFORCING.name(), ENFORCING.value(),
            REPORT_ONLY.name(), REPORT_ONLY.value(),
            "X-Quotes", "say \"hi\" and 'bye'; # {braces} %2F 100% %{x}e",
            "X-Backslashes", "a\\b \\n \\t \\\\ \\\" \\");
    /** Values with {@code $} (nginx cannot send them). */
    private static final Map<String, String> DOLLAR = Map.of("X-Dollar", "price $5 $uri $HOME");
    /** Values with <code>${</code> (Apache cannot send them either). */
    private static final Map<String, String> VARIABLE = Map.of("X-Variable", "${HOME} %[src] %ci");

    @TempDir
    Path dir;

    @Test
    void nginxSendsExactlyTheValues() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/sbin/nginx"))).as("nginx installed").isTrue();
        assertThat(ENFORCING).isNotNull();
        assertThat(REPORT_ONLY).isNotNull();
        int port = freePort();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, String.join("\n",
                "daemon off;", "master_process off;", "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + ";", "events { worker_connections 16; }",
                "http {", "  access_log off;",
                "  client_body_temp_path " + dir + "/body;", "  proxy_temp_path " + dir + "/proxy;",
                "  fastcgi_temp_path " + dir + "/fastcgi;", "  uwsgi_temp_path " + dir + "/uwsgi;",
                "  scgi_temp_path " + dir + "/scgi;",
                "  server {", "    listen 127.0.0.1:" + port + ";",
                lines(ALL, HeaderConfigLines::nginx),
                "    location / { return 200 \"ok\\n\"; }",
                "    location /missing { return 404; }", "  }", "}", ""));
        Process nginx = start("nginx.out", "/usr/sbin/nginx", "-e", dir.resolve("error.log").toString(),
                "-p", dir.toString(), "-c", conf.toString());
        try {
            assertSends(port, "/", 200, ALL);
            assertSends(port, "/missing", 404, ALL);
        } finally {
            stop(nginx);
        }
    }

    @Test
    void haproxySendsExactlyTheValuesAlsoOnItsOwnErrors() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/sbin/haproxy"))).as("haproxy installed").isTrue();
        Map<String, String> values = new LinkedHashMap<>(ALL);
        values.putAll(DOLLAR);
        values.putAll(VARIABLE);
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        int port = freePort();
        int down = freePort();
        Path conf = dir.resolve("haproxy.cfg");
        Files.writeString(conf, String.join("\n",
                "global", "  maxconn 16",
                "defaults", "  mode http", "  timeout connect 2s", "  timeout client 5s", "  timeout server 5s",
                "frontend web", "  bind 127.0.0.1:" + port,
                lines(values, HeaderConfigLines::haproxy),
                "  use_backend gone if { path /down }",
                "  default_backend app",
                "backend app", "  server app 127.0.0.1:" + backend.getAddress().getPort(),
                "backend gone", "  server gone 127.0.0.1:" + down, ""));
        Process haproxy = start("haproxy.out", "/usr/sbin/haproxy", "-db", "-f", conf.toString());
        try {
            assertSends(port, "/", 200, values);
            // 503 generated by HAProxy itself (server down): only http-after-response rules apply to it.
            assertSends(port, "/down", 503, values);
        } finally {
            stop(haproxy);
            backend.stop(0);
        }
    }

    @Test
    void apacheSendsExactlyTheValues() throws Exception {
        assumeThat(Files.isRegularFile(Apache.MODULES.resolve("mod_headers.so"))).as("apache2 installed").isTrue();
        Map<String, String> values = new LinkedHashMap<>(ALL);
        values.putAll(DOLLAR);
        int port = freePort();
        String host = "<VirtualHost 127.0.0.1:" + port + ">\n" + lines(values, HeaderConfigLines::apache) + "\n</VirtualHost>\n";
        try (Apache apache = Apache.start(dir.resolve("apache"), host, port)) {
            assertSends(port, "/", 200, values);
        }
    }

    @Test
    void linesAreEscapedForEachConfigurationLanguage() {
        String value = "a\"b\\c%d'e";
        assertThat(HeaderConfigLines.nginx("X-T", value)).isEqualTo("add_header X-T 'a\"b\\\\c%d\\'e' always;");
        assertThat(HeaderConfigLines.apache("X-T", value + "$f"))
                .isEqualTo("Header always set X-T \"a\\\"b\\\\\\\\c%%d'e$f\"");
        assertThat(HeaderConfigLines.haproxy("X-T", value + "${f}"))
                .isEqualTo("http-after-response set-header X-T \"a\\\"b\\\\c%%d'e\\${f}\"");
    }

    @Test
    void valuesAServerWouldInterpretAreRefusedNamingHeaderAndCharacter() {
        assertThatThrownBy(() -> HeaderConfigLines.nginx(new PkpHeader(false, 1L, false, "https://r.example/$uri", List.of(A, B))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("header Public-Key-Pins: nginx cannot send '$'").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> HeaderConfigLines.apache("X-T", "a${HOME}"))
                .hasMessageStartingWith("header X-T: Apache cannot send '$'");
        assertThatThrownBy(() -> HeaderConfigLines.apache("X-T", "expr=%{REQUEST_URI}"))
                .hasMessageStartingWith("header X-T: Apache cannot send a value starting with 'expr='");
        List<BiFunction<String, String, String>> servers = List.of(
                HeaderConfigLines::nginx, HeaderConfigLines::apache, HeaderConfigLines::haproxy);
        for (BiFunction<String, String, String> server : servers) {
            assertThatThrownBy(() -> server.apply("X-T", "a\nInjected: yes")).hasMessageContaining("header X-T")
                    .hasMessageContaining("U+000A");
            assertThatThrownBy(() -> server.apply("X-T", "tab\there")).hasMessageContaining("U+0009");
            assertThatThrownBy(() -> server.apply("X-T", "caf\u00e9")).hasMessageContaining("U+00E9");
            for (String name : List.of("X-T always;\nadd_header X-U", "X#T", "${HOME}", "X'T", "")) {
                assertThatThrownBy(() -> server.apply(name, "v")).as(name)
                        .hasMessageStartingWith("not a header name a server configuration can carry unquoted");
            }
        }
        assertThat(HeaderConfigLines.apache("X-T", "$5 {expr=}")).isNotNull();
        assertThat(HeaderConfigLines.haproxy("X-T", "${HOME}")).isNotNull();
    }

    /** One configuration line per value, indented. */
    private static String lines(Map<String, String> values, BiFunction<String, String, String> line) {
        StringBuilder text = new StringBuilder();
        values.forEach((name, value) -> text.append("    ").append(line.apply(name, value)).append('\n'));
        return text.toString();
    }

    private static void assertSends(int port, String path, int status, Map<String, String> values) throws Exception {
        HttpResponse<String> response = get(port, path);
        assertThat(response.statusCode()).isEqualTo(status);
        values.forEach((name, value) -> assertThat(response.headers().allValues(name)).as(name + " on " + path)
                .containsExactly(value));
    }

    /** Polls until the server answers (at most 10 s), then GETs {@code path}. */
    private static HttpResponse<String> get(int port, String path) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("server did not start on port " + port, e);
                }
                Thread.sleep(50);
            }
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Starts a server in the foreground, its output in {@code log} under the test's directory. */
    private Process start(String log, String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
    }

    /** Stops a server this test started, by its own process handle (its PID). */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
