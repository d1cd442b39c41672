package dev.pinkeeper.lifecycle;

import dev.pinkeeper.keys.DomainName;
import dev.pinkeeper.net.HostPort;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;

/**
 * The checks of single setting values, each throwing an {@link InvalidSettingException} that names
 * the setting: printable text, ports, host names, addresses, files and folders that must exist.
 */
final class SettingChecks {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[^@]+");

    private SettingChecks() {
    }

    /** {@code value}, which must have no control character (they would reach files, logs and terminals). */
    static String printable(SiteSetting setting, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new InvalidSettingException(setting, "has a control character (U+" + String.format("%04X", (int) c)
                        + " at position " + (i + 1) + ")");
            }
        }
        if (value.isBlank()) {
            throw new InvalidSettingException(setting, "is empty");
        }
        return value;
    }

    /** A TCP port: 1 to 65535. */
    static int port(SiteSetting setting, int port) {
        if (port < 1 || port > 65_535) {
            throw new InvalidSettingException(setting, port + " is not a TCP port (1 to 65535)");
        }
        return port;
    }

    /** A DNS host name (no wildcard), as a TLS client sends it in SNI. */
    static String hostName(SiteSetting setting, String name) {
        printable(setting, name);
        try {
            String normalized = DomainName.normalize(name);
            if (normalized.startsWith("*.")) {
                throw new IllegalArgumentException("a wildcard is not a host name");
            }
            new SNIHostName(normalized);
            return normalized;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(setting, "'" + name + "' is not a DNS host name", e);
        }
    }

    /** An IP address literal (IPv6 with or without brackets) or a DNS host name. */
    static String host(SiteSetting setting, String host) {
        printable(setting, host);
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (IPV4.matcher(bare).matches() || IPV6.matcher(bare).matches()) {
            try {
                InetAddress.getByName(bare); // a literal: parsed, never looked up
                return bare;
            } catch (UnknownHostException | SecurityException e) {
                throw new InvalidSettingException(setting, "'" + host + "' is not an IP address", e);
            }
        }
        return hostName(setting, bare);
    }

    /** {@code HOST:PORT} ({@code [IPv6]:PORT} for an IPv6 address), read by {@link HostPort#parse}. */
    static DeploySettings.Endpoint endpoint(SiteSetting setting, String text) {
        printable(setting, text);
        HostPort endpoint;
        try {
            endpoint = HostPort.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(setting, e.getMessage(), e);
        }
        return new DeploySettings.Endpoint(host(setting, endpoint.host()), port(setting, endpoint.port()));
    }

    /** An e-mail address an ACME CA accepts as a {@code mailto:} contact. */
    static String email(SiteSetting setting, String address) {
        printable(setting, address);
        int at = address.lastIndexOf('@');
        if (!EMAIL.matcher(address).matches() || address.startsWith(".") || address.contains("..")) {
            throw new InvalidSettingException(setting, "'" + address + "' is not an e-mail address");
        }
        try {
            DomainName.normalize(address.substring(at + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(setting, "'" + address + "' is not an e-mail address (its domain is not"
                    + " a DNS name)");
        }
        return address;
    }

    /** A path, which must name a readable regular file. */
    static Path readableFile(SiteSetting setting, String path) {
        Path file = path(setting, path);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidSettingException(setting, file + (Files.isDirectory(file) ? " is a folder, not a file"
                    : Files.exists(file) ? " cannot be read" : " does not exist"));
        }
        return file;
    }

    /** A path, which must name an existing folder. */
    static Path folder(SiteSetting setting, String path) {
        Path folder = path(setting, path);
        if (!Files.isDirectory(folder)) {
            throw new InvalidSettingException(setting, folder + (Files.exists(folder) ? " is not a folder"
                    : " does not exist"));
        }
        return folder;
    }

    /** A path, which must name an executable regular file. */
    static Path executable(SiteSetting setting, String path) {
        Path file = readableFile(setting, path);
        if (!Files.isExecutable(file)) {
            throw new InvalidSettingException(setting, file + " is not executable");
        }
        return file;
    }

    /** A printable path. */
    static Path path(SiteSetting setting, String path) {
        printable(setting, path);
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(setting, "'" + path + "' is not a path: " + e.getReason(), e);
        }
    }
}
