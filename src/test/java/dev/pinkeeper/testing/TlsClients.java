package dev.pinkeeper.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

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
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    /**
     * GETs {@code url} with OkHttp trusting only {@code rootPem} and pinning {@code host} to {@code pins}
     * (base64 SHA-256 SPKI pins).
     *
     * @return the HTTP status
     * @throws IOException when the pins do not match (OkHttp's SSLPeerUnverifiedException) or TLS fails
     */
    public static int okHttp(String url, String host, Path rootPem, List<String> pins) throws IOException {
        X509TrustManager trust = trustManager(rootPem);
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new X509TrustManager[] {trust}, null);
        } catch (Exception e) {
            throw new IOException(e);
        }
        CertificatePinner.Builder pinner = new CertificatePinner.Builder();
        pins.forEach(pin -> pinner.add(host, "sha256/" + pin));
        OkHttpClient client = new OkHttpClient.Builder().sslSocketFactory(context.getSocketFactory(), trust)
                .certificatePinner(pinner.build()).build();
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.code();
        } finally {
            client.connectionPool().evictAll();
            client.dispatcher().executorService().shutdown();
        }
    }

    private static X509TrustManager trustManager(Path rootPem) throws IOException {
        try (InputStream in = Files.newInputStream(rootPem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("root-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (Exception e) {
            throw new IOException("cannot trust " + rootPem, e);
        }
    }
}
