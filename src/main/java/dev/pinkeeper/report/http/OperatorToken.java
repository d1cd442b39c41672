package dev.pinkeeper.report.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The secret an operator must present to see the dashboard, {@code /metrics} and the health
 * endpoints: {@code Authorization: Bearer TOKEN} (Prometheus' {@code credentials_file}), or HTTP
 * Basic with any user name and the token as password (a browser asks for it). Only its SHA-256 is
 * kept, and a presented token is compared by digest in constant time, so neither its content nor
 * its length leaks through timing.
 */
public final class OperatorToken {
    /** Shortest token accepted: 32 characters, e.g. {@code openssl rand -hex 32} (64). */
    public static final int MIN_LENGTH = 32;

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final byte[] digest;

    private OperatorToken(String token) {
        this.digest = sha256(token);
    }

    /**
     * The token in {@code file}: its only line (a final line break is ignored).
     *
     * @throws IOException (one line, naming the file) if it cannot be read, group or others may access
     *                     it, or the token is shorter than {@link #MIN_LENGTH} or holds spaces or
     *                     control characters
     */
    public static OperatorToken read(Path file) throws IOException {
        Set<PosixFilePermission> permissions;
        byte[] bytes;
        try {
            permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the operator token: " + e.getMessage(), e);
        }
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new IOException(file + ": the operator token is accessible by group or others; fix it with: chmod 600 "
                    + file);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1));
        }
        String problem = problem(text);
        if (problem != null) {
            throw new IOException(file + ": " + problem);
        }
        return new OperatorToken(text);
    }

    /**
     * A token given as text (embedding, tests).
     *
     * @throws IllegalArgumentException if it is too short or holds spaces or control characters
     */
    public static OperatorToken of(String token) {
        String problem = problem(token);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new OperatorToken(token);
    }

    private static String problem(String token) {
        if (token.codePoints().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return "the operator token must be one line without spaces or control characters";
        }
        if (token.length() < MIN_LENGTH) {
            return "the operator token must have at least " + MIN_LENGTH
                    + " characters (make one with: openssl rand -hex 32)";
        }
        return null;
    }

    /** Whether an {@code Authorization} header value (null: none) presents this token. */
    public boolean admits(String authorization) {
        if (authorization == null) {
            return false;
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0) {
            return false;
        }
        String scheme = value.substring(0, space);
        String credentials = value.substring(space + 1).strip();
        String presented;
        if (scheme.equalsIgnoreCase("Bearer")) {
            presented = credentials;
        } else if (scheme.equalsIgnoreCase("Basic")) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = pair.indexOf(':');
            if (colon < 0) {
                return false;
            }
            presented = pair.substring(colon + 1);
        } else {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "OperatorToken[redacted]";
    }
}
