package dev.pinkeeper.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * The SHA-256 of what a server reads: every file of a release (by name and content) and the
 * server's own config files. Equal hashes mean a reload would change nothing.
 */
final class ContentHash {
    private ContentHash() {
    }

    static String of(Release release, List<Path> configFiles) throws IOException {
        MessageDigest digest = sha256();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(release.directory())) {
            list.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        for (Path file : files) {
            add(digest, "release/" + file.getFileName(), Files.readAllBytes(file));
        }
        for (Path config : configFiles) {
            add(digest, "config/" + config.toAbsolutePath(), Files.readAllBytes(config));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The hash of release files not written yet (file name → content): equal to {@link #of} of the
     * release they make, without config files.
     */
    static String of(SortedMap<String, byte[]> releaseFiles) {
        MessageDigest digest = sha256();
        releaseFiles.forEach((name, content) -> add(digest, "release/" + name, content));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(MessageDigest digest, String name, byte[] content) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        digest.update(longBytes(nameBytes.length));
        digest.update(nameBytes);
        digest.update(longBytes(content.length));
        digest.update(content);
    }

    private static byte[] longBytes(long value) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }
}
