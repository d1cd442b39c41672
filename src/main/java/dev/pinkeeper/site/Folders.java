package dev.pinkeeper.site;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.pinkeeper.files.SafeFiles;

/** Listing and removing folders of a site's state, never following a symlink. */
public final class Folders {
    private Folders() {
    }

    /** The entries of a folder, sorted by name (empty when it is not a folder). */
    public static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(children::add);
        }
        children.sort(Comparator.naturalOrder());
        return children;
    }

    /** Removes a file, or a folder and everything in it (a symlink is removed, never followed). */
    public static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            for (Path child : list(path)) {
                deleteTree(child);
            }
        }
        Files.deleteIfExists(path);
    }

    /** Whether a name is a {@link SafeFiles#TEMPORARY_PREFIX temporary} one: a leftover of an interrupted write. */
    public static boolean temporary(Path path) {
        return path.getFileName().toString().startsWith(SafeFiles.TEMPORARY_PREFIX);
    }
}
