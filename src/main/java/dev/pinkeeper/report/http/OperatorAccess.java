package dev.pinkeeper.report.http;

/**
 * Where the collector serves what only its operators should see (the dashboard with every site's
 * names, key ids, pins and rollover timeline; {@code /metrics}; the health endpoints), and who may
 * see it. The report address faces every browser on the internet and takes nothing but reports, so
 * these live on an address of their own: loopback by default, or a private interface for a
 * Prometheus on another host, optionally behind a {@link OperatorToken}.
 *
 * @param host  address to listen on, or null when the operator endpoints are disabled
 * @param port  port, 0 for any free one
 * @param token the token every operator request must present, or null for none
 */
public record OperatorAccess(String host, int port, OperatorToken token) {
    /** The default port of the operator address in the command line: the report port's neighbour. */
    public static final int DEFAULT_PORT = 8471;

    public OperatorAccess {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the operator port must be from 0 to 65535, not " + port);
        }
    }

    /** 127.0.0.1 on {@code port} (0: any free one), without a token. */
    public static OperatorAccess loopback(int port) {
        return new OperatorAccess("127.0.0.1", port, null);
    }

    /** No dashboard, metrics or health endpoint at all: the collector takes reports and nothing else. */
    public static OperatorAccess disabled() {
        return new OperatorAccess(null, 0, null);
    }

    /** Whether the operator endpoints are served. */
    public boolean enabled() {
        return host != null;
    }

    /** This address, requiring {@code operatorToken} (null: none). */
    public OperatorAccess withToken(OperatorToken operatorToken) {
        return new OperatorAccess(host, port, operatorToken);
    }

    /** Whether an {@code Authorization} header value (null: none) may see the operator endpoints. */
    public boolean admits(String authorization) {
        return token == null || token.admits(authorization);
    }

    /**
     * Whether the operator endpoints are served, without a token, on an address that is not loopback (a name is
     * looked up; one that does not resolve counts as not loopback): whoever reaches it sees every site.
     */
    public boolean exposed() {
        if (!enabled() || token != null) {
            return false;
        }
        try {
            return !java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return true;
        }
    }
}
