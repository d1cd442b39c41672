package dev.pinkeeper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * SHA-256 of every regular file under a folder (symlinks recorded by their target), keyed by the
 * relative path: compare two snapshots to prove nothing was overwritten or deleted.
 */
public final class FileSnapshot {
    private FileSnapshot() {
    }

    public static Map<String, String> of(Path root) {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.forEach(path -> {
                String name = root.relativize(path).toString();
                try {
                    if (Files.isSymbolicLink(path)) {
                        hashes.put(name, "-> " + Files.readSymbolicLink(path));
                    } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                        hashes.put(name, sha256(Files.readAllBytes(path)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hashes;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
