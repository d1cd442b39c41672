package dev.pinkeeper.acme;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * http-01 with a built-in listener: a tiny HTTP server bound to a given address and port (80 in
 * production, or a port the front server forwards {@code /.well-known/acme-challenge/} to) that
 * serves the pending key authorizations and nothing else. It listens from the first
 * {@link #publish} until {@link #close}.
 */
public final class Http01Standalone implements ChallengeSolver {
    private static final String PREFIX = "/.well-known/acme-challenge/";

    private final InetSocketAddress address;
    private final Map<String, String> responses = new ConcurrentHashMap<>();
    private HttpServer server;

    /** @param address where to listen, e.g. {@code new InetSocketAddress(80)} */
    public Http01Standalone(InetSocketAddress address) {
        this.address = address;
    }

    @Override
    public String type() {
        return PendingChallenge.HTTP_01;
    }

    @Override
    public synchronized void publish(PendingChallenge challenge) throws ChallengeException {
        responses.put(challenge.token(), challenge.response());
        if (server == null) {
            try {
                server = HttpServer.create(address, 16);
            } catch (IOException e) {
                throw new ChallengeException("cannot listen on " + address + " for http-01: " + e.getMessage(), e);
            }
            server.createContext("/", this::answer);
            server.start();
        }
    }

    @Override
    public void remove(PendingChallenge challenge) {
        responses.remove(challenge.token());
    }

    /** The address the listener is bound to (with the real port when 0 was asked), or the configured one. */
    public synchronized InetSocketAddress boundAddress() {
        return server == null ? address : server.getAddress();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String response = path.startsWith(PREFIX) ? responses.get(path.substring(PREFIX.length())) : null;
            if (response == null || !exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = response.getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
