package dev.pinkeeper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.pinkeeper.rehearse.LocalProcess;

/**
 * Debian {@code pebble-challtestsrv} as a mock DNS server for pebble's validation: every name
 * resolves to 127.0.0.1 (IPv4 only), TXT records are set through its management API. Its own
 * challenge responders are disabled: the code under test answers the challenges.
 */
public final class ChallTestSrv implements AutoCloseable {
    private final LocalProcess process;
    private final int dnsPort;
    private final int managementPort;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ChallTestSrv(LocalProcess process, int dnsPort, int managementPort) {
        this.process = process;
        this.dnsPort = dnsPort;
        this.managementPort = managementPort;
    }

    /** Starts it with its log in {@code dir}. */
    public static ChallTestSrv start(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int dnsPort = FreePorts.next();
        int managementPort = FreePorts.next();
        LocalProcess process = LocalProcess.start("pebble-challtestsrv", List.of("pebble-challtestsrv",
                "-management", "127.0.0.1:" + managementPort, "-dns01", "127.0.0.1:" + dnsPort,
                "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", ""),
                Map.of(), dir, dir.resolve("challtestsrv.log"));
        process.awaitPorts(Duration.ofSeconds(20), managementPort, dnsPort);
        return new ChallTestSrv(process, dnsPort, managementPort);
    }

    /** The DNS server address for {@code pebble -dnsserver}. */
    public String dnsServer() {
        return "127.0.0.1:" + dnsPort;
    }

    /** The management API base URL ({@code /set-txt}, {@code /clear-txt}, {@code /add-a}). */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** Sets the TXT record of {@code fqdn} (with or without the final dot). */
    public void setTxt(String fqdn, String value) {
        post("/set-txt", "{\"host\":\"" + dotted(fqdn) + "\",\"value\":\"" + value + "\"}");
    }

    /** Removes the TXT records of {@code fqdn}. */
    public void clearTxt(String fqdn) {
        post("/clear-txt", "{\"host\":\"" + dotted(fqdn) + "\"}");
    }

    /** Makes {@code host} resolve to the given IPv4 address. */
    public void addA(String host, String address) {
        post("/add-a", "{\"host\":\"" + dotted(host) + "\",\"addresses\":[\"" + address + "\"]}");
    }

    private static String dotted(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    private void post(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("challtestsrv " + path + " answered " + response.statusCode()
                        + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("challtestsrv " + path + ":\n" + process.logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
