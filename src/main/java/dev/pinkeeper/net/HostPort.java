package dev.pinkeeper.net;

/**
 * A host and a TCP port written as {@code HOST:PORT}: the last colon separates the port, an IPv6
 * address is written in brackets ({@code [::1]:8470}), the port is digits from 0 to 65535. The one
 * parser of that form: callers add their own checks (a port of at least 1, a host that is a DNS name).
 *
 * @param host the host as given, an IPv6 address without its brackets
 * @param port the port, 0 to 65535
 */
public record HostPort(String host, int port) {
    /** The largest TCP port. */
    public static final int MAX_PORT = 65_535;

    public HostPort {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("the port must be from 0 to " + MAX_PORT + ", not " + port);
        }
    }

    /**
     * Reads {@code HOST:PORT}.
     *
     * @throws IllegalArgumentException with a one-line reason when {@code text} is not HOST:PORT
     */
    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, not " + text);
        }
        return new HostPort(host(text, text.substring(0, colon)), port(text.substring(colon + 1)));
    }

    /**
     * Reads {@code HOST[:PORT]}, {@code defaultPort} when no port is given ({@code [::1]} or a host
     * without a colon).
     *
     * @throws IllegalArgumentException with a one-line reason when {@code text} is not HOST[:PORT]
     */
    public static HostPort parse(String text, int defaultPort) {
        boolean bracketedOnly = text.startsWith("[") && text.endsWith("]");
        if (bracketedOnly || (!text.isEmpty() && text.indexOf(':') < 0)) {
            return new HostPort(host(text, text), defaultPort);
        }
        return parse(text);
    }

    /** The host as a URL or {@code HOST:PORT} writes it: an IPv6 address in brackets. */
    public String uriHost() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** {@code HOST:PORT}, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return uriHost() + ":" + port;
    }

    private static String host(String text, String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            String bare = host.substring(1, host.length() - 1);
            if (bare.isEmpty() || bare.contains("[") || bare.contains("]")) {
                throw new IllegalArgumentException("expected HOST:PORT, not " + text);
            }
            return bare;
        }
        if (host.contains(":")) {
            throw new IllegalArgumentException("expected HOST:PORT, not " + text
                    + " (write an IPv6 address as [ADDRESS]:PORT)");
        }
        if (host.contains("[") || host.contains("]")) {
            throw new IllegalArgumentException("expected HOST:PORT, not " + text);
        }
        return host;
    }

    private static int port(String digits) {
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a port: " + digits);
        }
        int port = Integer.parseInt(digits);
        if (port > MAX_PORT) {
            throw new IllegalArgumentException("the port must be from 0 to " + MAX_PORT + ", not " + port);
        }
        return port;
    }
}
