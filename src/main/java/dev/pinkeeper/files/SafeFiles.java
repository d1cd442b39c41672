package dev.pinkeeper.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Crash-safe file primitives for pinkeeper's state: private folders (0700) and files (0600) are
 * created with their final permissions (a private key is never readable by others, not even for a
 * moment), content is fsynced, an existing file is never replaced, and names are made durable by
 * fsyncing their folder.
 *
 * <ul>
 * <li>{@link #writeNew}: create a new file with given permissions, write, fsync (a crash may leave a
 *     partial file under its final name: for files whose folder is itself published atomically);</li>
 * <li>{@link #writeNewAtomically}: write to a temporary sibling, fsync, link it under the absent final
 *     name, fsync the folder (readers see no file or the whole file);</li>
 * <li>{@link #replace}: the same, renamed over an existing file (readers see the old or the new file);</li>
 * <li>{@link #moveNew}, {@link #swapSymlink}: atomic renames that survive a power cut.</li>
 * </ul>
 */
public final class SafeFiles {
    /** rw------- */
    public static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    /** rw-r--r-- */
    public static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");
    /** rwx------ */
    public static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    /** Prefix of temporary names; such files are leftovers of an interrupted change. */
    public static final String TEMPORARY_PREFIX = ".tmp-";

    private static final SecureRandom RANDOM = new SecureRandom();

    private SafeFiles() {
    }

    /**
     * Creates {@code dir} (and missing parents) and makes it 0700, whether it existed or not.
     *
     * @return {@code dir}
     */
    public static Path privateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PRIVATE_DIRECTORY);
        return dir;
    }

    /** Creates a folder and its missing parents, each 0700; an existing folder is kept as it is. */
    public static void createPrivateDirectories(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, attribute(PRIVATE_DIRECTORY));
        }
    }

    /** Creates a new 0700 folder; fails if the name exists. */
    public static void createPrivateDirectory(Path directory) throws IOException {
        Files.createDirectory(directory, attribute(PRIVATE_DIRECTORY));
    }

    /**
     * Creates {@code file} with {@code permissions}, writes {@code content} and fsyncs it.
     *
     * @throws FileAlreadyExistsException if the file exists (it is left untouched)
     */
    public static void writeNew(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), attribute(permissions))) {
            // the umask may have removed bits from the creation mode: set them exactly
            Files.setPosixFilePermissions(file, permissions);
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * Writes a new 0600 file durably: temporary name, fsync, hard link to {@code target} (which fails
     * atomically if the name exists, even when another process creates it meanwhile), fsync of the
     * folder. Never replaces an existing file; a crash leaves at most a {@link #TEMPORARY_PREFIX} file.
     *
     * @throws FileAlreadyExistsException if {@code target} exists
     */
    public static void writeNewAtomically(Path target, byte[] content) throws IOException {
        Path temporary = temporarySibling(target);
        writeNew(temporary, content, PRIVATE_FILE);
        try {
            Files.createLink(target, temporary);
            fsyncDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Replaces (or creates) {@code target} with {@code content} durably: a temporary sibling with
     * {@code permissions}, fsynced, renamed over {@code target}, the folder fsynced. Readers see the old
     * or the new whole file; a crash leaves at most a {@link #TEMPORARY_PREFIX} file.
     */
    public static void replace(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path temporary = temporarySibling(target);
        try {
            writeNew(temporary, content, permissions);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsyncDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Renames {@code source} to the absent {@code target} atomically and fsyncs the target's folder. */
    public static void moveNew(Path source, Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(target.getParent());
    }

    /**
     * Points the symlink {@code link} at {@code target} (relative to the link's folder) by creating a
     * temporary symlink and renaming it over {@code link}: readers see the old or the new target.
     */
    public static void swapSymlink(Path link, Path target) throws IOException {
        Path temporary = temporarySibling(link);
        Files.createSymbolicLink(temporary, target);
        try {
            Files.move(temporary, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        fsyncDirectory(link.getParent());
    }

    /** Flushes a directory's entries (new names, renames) to disk (a no-op where folders cannot be opened: Windows). */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }

    /** A fresh temporary name beside {@code path}, starting with {@link #TEMPORARY_PREFIX}. */
    public static Path temporarySibling(Path path) {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return path.resolveSibling(TEMPORARY_PREFIX + path.getFileName() + "-" + HexFormat.of().formatHex(random));
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
