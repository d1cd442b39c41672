package dev.pinkeeper.report;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients posting reports without pause until stopped, each with a unique host name, recording
 * which ones the collector acknowledged with 204. Bounded: stops by itself after {@code maxDuration}.
 */
public final class ReportFlood implements AutoCloseable {
    private final URI target;
    private final String suffix;
    private final List<Thread> threads = new ArrayList<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final long deadline;
    private volatile boolean running = true;
    private volatile boolean paused;
    private volatile String padding = "";

    public ReportFlood(URI target, String suffix, int clients, Duration maxDuration) {
        this.target = target;
        this.suffix = suffix;
        this.deadline = System.nanoTime() + maxDuration.toNanos();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> post(client), "flood-" + c);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    /**
     * Makes every report about {@code bytes} larger (a long served chain of unreadable entries, each within
     * the collector's limit per entry): to fill a disk fast.
     */
    public ReportFlood withPadding(int bytes) {
        List<String> entries = new ArrayList<>();
        for (int left = bytes; left > 0; left -= 30_000) {
            entries.add("\"" + "A".repeat(Math.min(left, 30_000)) + "\"");
        }
        padding = String.join(",", entries);
        return this;
    }

    public ReportFlood start() {
        threads.forEach(Thread::start);
        return this;
    }

    private void post(int client) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        for (int seq = 0; running && System.nanoTime() < deadline; seq++) {
            while (paused && running) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException stop) {
                    return;
                }
            }
            String host = "c" + client + "-" + seq + "." + suffix;
            String body = "{\"hostname\":\"" + host + "\",\"port\":443,\"known-pins\":[],"
                    + "\"served-certificate-chain\":[" + padding + "],\"validated-certificate-chain\":[]}";
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 204) {
                    acknowledged.add(host);
                } else {
                    refused.incrementAndGet();
                }
            } catch (Exception e) {
                failed.incrementAndGet(); // collector down or killed mid-request: not acknowledged
                try {
                    Thread.sleep(20);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Host names of the reports answered 204 so far. */
    public Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    public int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Requests answered with another status, and requests that got no answer. */
    public int refused() {
        return refused.get();
    }

    public int failed() {
        return failed.get();
    }

    /** Stops sending until {@link #resume()} (the report being sent is still sent). */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    /** Stops the clients and waits for them. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(20_000);
        }
    }
}
