package dev.pinkeeper.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folder trees for tests: delete one whole (a lost disk, a state directory to restore into). */
public final class Trees {
    private Trees() {
    }

    /** Deletes {@code root} and everything under it (symlinks themselves, not their targets). */
    public static void delete(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Closes each part, every one even when another fails (servers a test started). */
    public static void closeAll(AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // the others still need closing
            }
        }
    }
}
