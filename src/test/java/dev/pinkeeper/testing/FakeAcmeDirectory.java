package dev.pinkeeper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal ACME server on loopback for what pebble 2.4 cannot show: a directory that advertises
 * {@code meta.profiles}, ACME Renewal Information with a Retry-After, and a CA that answers every new order
 * with {@code rateLimited} and a Retry-After.
 * It creates accounts (any key, no binding) and records each request with its decoded JWS payload; it
 * never issues. Not a CA: only the client's side of those answers is tested with it.
 */
public final class FakeAcmeDirectory implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request: method, path and the JWS payload (decoded JSON text, empty for GET/HEAD or POST-as-GET). */
    public record Request(String method, String path, String payload) {
    }

    /**
     * The ACME Renewal Information it gives for every certificate.
     *
     * @param start             the suggested window's start
     * @param end               its end
     * @param retryAfterSeconds the Retry-After sent with it
     */
    public record RenewalInfo(Instant start, Instant end, long retryAfterSeconds) {
    }

    private final HttpServer server;
    private final List<String> profiles;
    private final long retryAfterSeconds;
    private final RenewalInfo renewalInfo;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeAcmeDirectory(List<String> profiles, long retryAfterSeconds, RenewalInfo renewalInfo) throws IOException {
        this.profiles = List.copyOf(profiles);
        this.retryAfterSeconds = retryAfterSeconds;
        this.renewalInfo = renewalInfo;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::answer);
        server.start();
    }

    /**
     * Starts one.
     *
     * @param profiles          the profiles its directory advertises (empty: no {@code meta.profiles})
     * @param retryAfterSeconds the Retry-After of its {@code rateLimited} answer to every new order
     */
    public static FakeAcmeDirectory start(List<String> profiles, long retryAfterSeconds) throws IOException {
        return new FakeAcmeDirectory(profiles, retryAfterSeconds, null);
    }

    /** {@link #start(List, long)} with a {@code renewalInfo} resource answering {@code ari}. */
    public static FakeAcmeDirectory start(List<String> profiles, long retryAfterSeconds, RenewalInfo ari)
            throws IOException {
        return new FakeAcmeDirectory(profiles, retryAfterSeconds, ari);
    }

    /** The renewal-information requests so far. */
    public List<Request> renewalInfoRequests() {
        return requests.stream().filter(r -> r.path().startsWith("/renewal-info/")).toList();
    }

    /** The directory URL (plain http on 127.0.0.1). */
    public URI directoryUrl() {
        return URI.create(base() + "/dir");
    }

    /** Every request so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The new-order requests so far. */
    public List<Request> orders() {
        return requests.stream().filter(r -> r.path().equals("/new-order")).toList();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Request(exchange.getRequestMethod(), path, payload(body)));
            exchange.getResponseHeaders().set("Replay-Nonce", UUID.randomUUID().toString().replace("-", ""));
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            switch (path) {
                case "/dir" -> send(exchange, 200, "application/json", directory());
                case "/new-nonce" -> {
                    exchange.sendResponseHeaders(exchange.getRequestMethod().equals("HEAD") ? 200 : 204, -1);
                }
                case "/new-account" -> {
                    exchange.getResponseHeaders().set("Location", base() + "/account/1");
                    send(exchange, 201, "application/json", "{\"status\":\"valid\",\"orders\":\"" + base() + "/orders/1\"}");
                }
                case "/account/1" -> send(exchange, 200, "application/json", "{\"status\":\"valid\"}");
                case "/new-order" -> {
                    exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
                    send(exchange, 429, "application/problem+json", "{\"type\":\"urn:ietf:params:acme:error:rateLimited\","
                            + "\"detail\":\"too many certificates for this name\",\"status\":429}");
                }
                default -> {
                    if (renewalInfo != null && path.startsWith("/renewal-info/")) {
                        exchange.getResponseHeaders().set("Retry-After", Long.toString(renewalInfo.retryAfterSeconds()));
                        send(exchange, 200, "application/json", "{\"suggestedWindow\":{\"start\":\"" + renewalInfo.start()
                                + "\",\"end\":\"" + renewalInfo.end() + "\"}}");
                    } else {
                        exchange.sendResponseHeaders(404, -1);
                    }
                }
            }
        }
    }

    private String directory() {
        StringBuilder meta = new StringBuilder("{\"termsOfService\":\"" + base() + "/terms\"");
        if (!profiles.isEmpty()) {
            meta.append(",\"profiles\":{");
            for (int i = 0; i < profiles.size(); i++) {
                meta.append(i == 0 ? "" : ",").append('"').append(profiles.get(i)).append("\":\"the ")
                        .append(profiles.get(i)).append(" profile\"");
            }
            meta.append('}');
        }
        meta.append('}');
        return "{\"newNonce\":\"" + base() + "/new-nonce\",\"newAccount\":\"" + base() + "/new-account\","
                + "\"newOrder\":\"" + base() + "/new-order\",\"revokeCert\":\"" + base() + "/revoke\","
                + "\"keyChange\":\"" + base() + "/key-change\","
                + (renewalInfo == null ? "" : "\"renewalInfo\":\"" + base() + "/renewal-info\",")
                + "\"meta\":" + meta + "}";
    }

    private static String payload(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        try {
            JsonNode jws = JSON.readTree(body);
            String payload = jws.path("payload").asText("");
            return new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            return "";
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
