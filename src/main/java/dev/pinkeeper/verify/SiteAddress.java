package dev.pinkeeper.verify;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import dev.pinkeeper.net.HostPort;

/**
 * The HTTPS site to check: host name, port and path, from a URL such as {@code https://www.example.com}
 * or {@code https://www.example.com:8443/health}.
 *
 * @param host the host name (lower case, IDNs in ASCII form), or an IP address literal
 * @param port the TCP port (443 unless given)
 * @param path the path and query to request, starting with {@code /}
 */
public record SiteAddress(String host, int port, String path) {
    private static final int DEFAULT_PORT = 443;

    public SiteAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("the path must start with '/': " + path);
        }
    }

    /**
     * Parses an {@code https://host[:port][/path]} URL; a bare {@code host[:port]} means https.
     *
     * @throws IllegalArgumentException with a one-line reason when it is not such a URL
     */
    public static SiteAddress parse(String url) {
        String text = url.strip();
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not an https URL (pins and HSTS are only served over TLS)");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException("no host name in the URL");
        }
        if (authority.contains("@")) {
            throw new IllegalArgumentException("the URL has user information; give only https://host[:port][/path]");
        }
        String host = uri.getHost();
        int port = uri.getPort();
        if (host == null) {
            // java.net.URI leaves the host of internationalized names undefined: split the authority
            HostPort split = HostPort.parse(authority, DEFAULT_PORT);
            host = split.host();
            port = split.port();
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else {
            try {
                host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a host name: " + host);
            }
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        port = port == -1 ? DEFAULT_PORT : port;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        return new SiteAddress(host, port, path);
    }

    /** The same site with another path. */
    public SiteAddress withPath(String newPath) {
        return new SiteAddress(host, port, newPath);
    }

    /** Whether the host is an IP address literal rather than a name. */
    public boolean ipLiteral() {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    /** The URL, {@code https://host[:port]/path} (the port only when not 443). */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "https://" + h + (port == 443 ? "" : ":" + port) + path;
    }

    @Override
    public String toString() {
        return url();
    }
}
