package dev.pinkeeper.acme;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;

import javax.net.ssl.SSLContext;

import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * A generic RFC 8555 provider whose HTTPS client trusts exactly the CA certificates of one PEM
 * file: for a test CA such as pebble, or a private CA whose TLS is not in the JDK trust store.
 */
final class TrustingAcmeProvider extends GenericAcmeProvider {
    private final SSLContext sslContext;

    TrustingAcmeProvider(Path caFile) throws IOException {
        this.sslContext = CaFileTrust.sslContext(caFile);
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings settings) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(settings.getTimeout())
                .proxy(settings.getProxySelector())
                .sslContext(sslContext);
        if (settings.getAuthenticator() != null) {
            builder.authenticator(settings.getAuthenticator());
        }
        return builder.build();
    }
}
