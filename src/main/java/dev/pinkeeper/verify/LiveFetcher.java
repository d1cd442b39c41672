package dev.pinkeeper.verify;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;

import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Reads what an HTTPS site serves: one TLS connection (SNI = the site's host name), the certificate
 * chain as sent — recorded, not trusted, so an untrusted or misnamed chain is still read — and the
 * response headers of one HTTP/1.1 {@code GET}, redirects not followed, never through a proxy.
 *
 * <pre>{@code
 * LiveResponse r = new LiveFetcher().timeout(Duration.ofSeconds(5))
 *         .fetch(SiteAddress.parse("https://www.example.com"));
 * r.values("Public-Key-Pins").forEach(System.out::println);
 * }</pre>
 *
 * {@link #connectTo} connects to another address while still asking for the site's name, like
 * curl's {@code --resolve}. Instances are immutable.
 */
public final class LiveFetcher {
    /** The default connect and read timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final String connectTo;
    private final Duration timeout;

    public LiveFetcher() {
        this(null, DEFAULT_TIMEOUT);
    }

    private LiveFetcher(String connectTo, Duration timeout) {
        this.connectTo = connectTo;
        this.timeout = timeout;
    }

    /** Connects to {@code address} (an IP address or another host name) instead of resolving the site's host. */
    public LiveFetcher connectTo(String address) {
        return new LiveFetcher(address, timeout);
    }

    /** Gives up connecting, or waiting for an answer, after {@code limit}. */
    public LiveFetcher timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
        return new LiveFetcher(connectTo, limit);
    }

    /**
     * Connects to {@code site}, records its chain and reads the headers of {@code GET path}.
     *
     * @throws FetchException with a one-line reason when the site cannot be read
     */
    public LiveResponse fetch(SiteAddress site) throws FetchException {
        Objects.requireNonNull(site, "site");
        RecordingTrustManager trust = new RecordingTrustManager();
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS implementation", e);
        }
        AtomicReference<InetSocketAddress> connected = new AtomicReference<>();
        OkHttpClient client = new OkHttpClient.Builder()
                .sslSocketFactory(context.getSocketFactory(), trust)
                .hostnameVerifier((hostname, session) -> true)
                .dns(dns(site))
                .proxy(Proxy.NO_PROXY)
                .protocols(List.of(Protocol.HTTP_1_1))
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout.multipliedBy(3))
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .addNetworkInterceptor(chain -> {
                    connected.set(chain.connection().route().socketAddress());
                    return chain.proceed(chain.request());
                })
                .build();
        HttpUrl url = HttpUrl.get(site.url());
        Request request = new Request.Builder().url(url).header("User-Agent", "pinkeeper-verify").get().build();
        try (Response response = client.newCall(request).execute()) {
            List<X509Certificate> served = trust.served();
            if (served.isEmpty()) {
                throw new FetchException("the server sent no certificate");
            }
            return new LiveResponse(site, describe(connected.get()), response.handshake().tlsVersion().javaName(),
                    response.handshake().cipherSuite().javaName(), served, response.code(), headers(response.headers()));
        } catch (IOException e) {
            throw explain(e, site, connected.get());
        } finally {
            client.connectionPool().evictAll();
        }
    }

    private Dns dns(SiteAddress site) {
        if (connectTo == null) {
            return Dns.SYSTEM;
        }
        return hostname -> {
            if (!hostname.equalsIgnoreCase(site.host())) {
                return Dns.SYSTEM.lookup(hostname);
            }
            try {
                return List.of(InetAddress.getAllByName(connectTo));
            } catch (UnknownHostException e) {
                throw new UnknownHostException(connectTo);
            }
        };
    }

    private static Map<String, List<String>> headers(Headers headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            map.computeIfAbsent(headers.name(i).toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(headers.value(i));
        }
        return map;
    }

    private static String describe(InetSocketAddress address) {
        if (address == null) {
            return null;
        }
        String ip = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + address.getPort();
    }

    /** Turns what OkHttp and the JDK throw into one line saying what went wrong. */
    private FetchException explain(IOException e, SiteAddress site, InetSocketAddress address) {
        String where = address != null ? describe(address) : (connectTo != null ? connectTo : site.host()) + ":" + site.port();
        String cause = rootMessage(e);
        if (e instanceof UnknownHostException) {
            return new FetchException("cannot resolve " + (connectTo != null ? connectTo : site.host()), e);
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return new FetchException("cannot connect to " + where + ": " + cause, e);
        }
        if (e instanceof NoRouteToHostException) {
            return new FetchException("no route to " + where, e);
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return new FetchException("no answer from " + where + " within " + seconds(timeout) + " (" + cause + ")", e);
        }
        if (e instanceof SSLHandshakeException || e instanceof SSLException) {
            String hint = cause.contains("Unsupported or unrecognized SSL message")
                    || cause.contains("plaintext connection") ? " (is this port serving plain HTTP?)" : "";
            return new FetchException("TLS handshake with " + where + " failed: " + cause + hint, e);
        }
        if (e instanceof ProtocolException) {
            return new FetchException("not an HTTP answer from " + where + ": " + cause, e);
        }
        if (String.valueOf(e.getMessage()).startsWith("unexpected end of stream")) {
            return new FetchException("the server at " + where + " closed the connection without an HTTP answer", e);
        }
        return new FetchException("cannot read " + site.url() + " at " + where + ": " + cause, e);
    }

    /** The message of the deepest cause that has one, on one line. */
    private static String rootMessage(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message.replaceAll("\\s+", " ").strip();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
