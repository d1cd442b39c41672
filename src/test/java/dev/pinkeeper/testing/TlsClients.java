package dev.pinkeeper.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.X509TrustManager;

import dev.pinkeeper.acme.CaFileTrust;
import okhttp3.CertificatePinner;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Independent HTTPS clients for checking what a server serves: curl and OkHttp, each with pins. */
public final class TlsClients {
    private TlsClients() {
    }

    /** The result of a command: exit status and output (stdout then stderr). */
    public record Result(int status, String output) {
    }

    /**
     * {@code curl -sS --cacert ROOT --pinnedpubkey 'sha256//PIN;…' -D - [OPTIONS…] URL} (exit 90 when no
     * pin matches); the output holds the response headers.
     */
    public static Result curl(String url, Path rootPem, List<String> pins, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "--cacert",
                rootPem.toString(), "-D", "-", "-o", "/dev/null"));
        command.addAll(List.of(options));
        if (!pins.isEmpty()) {
            command.add("--pinnedpubkey");
            command.add(String.join(";", pins.stream().map(p -> "sha256//" + p).toList()));
        }
        command.add(url);
        Processes.Run run = Processes.run(Path.of("."), command, null, Duration.ofSeconds(30));
        return new Result(run.code(), new String(run.out(), StandardCharsets.UTF_8) + run.err());
    }

    /**
     * The response headers of {@code https://HOST:PORT/} served on 127.0.0.1 ({@code curl --resolve}), trusting
     * only {@code rootPem}, pinning nothing.
     *
     * @throws IllegalStateException when curl fails
     */
    public static String headers(String host, int port, Path rootPem) throws IOException, InterruptedException {
        Result result = curl("https://" + host + ":" + port + "/", rootPem, List.of(), "--noproxy", "*", "--resolve",
                host + ":" + port + ":127.0.0.1");
        if (result.status() != 0) {
            throw new IllegalStateException("curl exit " + result.status() + ": " + result.output());
        }
        return result.output();
    }

    /**
     * GETs {@code url} with OkHttp trusting only {@code rootPem} and pinning {@code host} to {@code pins}
     * (base64 SHA-256 SPKI pins).
     *
     * @return the HTTP status
     * @throws IOException when the pins do not match (OkHttp's SSLPeerUnverifiedException) or TLS fails
     */
    public static int okHttp(String url, String host, Path rootPem, List<String> pins) throws IOException {
        CertificatePinner.Builder pinner = new CertificatePinner.Builder();
        pins.forEach(pin -> pinner.add(host, "sha256/" + pin));
        OkHttpClient client = okHttpClient(rootPem, pinner.build());
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.code();
        } finally {
            client.connectionPool().evictAll();
            client.dispatcher().executorService().shutdown();
        }
    }

    /** An OkHttp client that trusts only the CA certificates in {@code rootPem} and checks {@code pinner}. */
    public static OkHttpClient okHttpClient(Path rootPem, CertificatePinner pinner) throws IOException {
        X509TrustManager trust = CaFileTrust.trustManager(rootPem);
        return new OkHttpClient.Builder().sslSocketFactory(CaFileTrust.sslContext(trust).getSocketFactory(), trust)
                .certificatePinner(pinner).build();
    }
}
