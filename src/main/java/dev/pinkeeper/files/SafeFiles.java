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
 * Crash-safe file primitives for pinkeeper's state, and the one place that decides file modes.
 *
 * <p><b>Modes.</b> Everything pinkeeper writes is private to its user: files 0600, folders 0700
 * ({@link #PRIVATE_FILE}, {@link #PRIVATE_DIRECTORY}), whatever the umask: every file and folder is
 * created with its final mode, then set to exactly that mode (a umask can only remove bits, so a
 * private key is never readable by others, not even for a moment, and a lax umask such as 000 leaves
 * nothing open). This includes the releases: nginx, HAProxy and Apache httpd read certificates,
 * private keys, header snippets and the HAProxy map in their master process, which runs as root (or
 * as pinkeeper's user), at start and at every reload.
 *
 * <p>The one exception is what a web server's <em>worker</em> processes serve to the network under an
 * unprivileged user (www-data): the http-01 challenge responses written into a web root
 * ({@link #SERVED_FILE} 0644, and the folders pinkeeper creates for them {@link #SERVED_DIRECTORY}
 * 0755, set exactly, so that a strict umask such as 077 does not hide them from the server either).
 * They hold nothing secret: the CA fetches them over plain HTTP.
 *
 * <ul>
 * <li>{@link #writeNew}: create a new file with given permissions, write, fsync (a crash may leave a
 *     partial file under its final name: for files whose folder is itself published atomically);</li>
 * <li>{@link #writeNewAtomically}: write to a temporary sibling, fsync, link it under the absent final
 *     name, fsync the folder (readers see no file or the whole file);</li>
 * <li>{@link #replace}: the same, renamed over an existing file (readers see the old or the new file);</li>
 * <li>{@link #moveNew}, {@link #swapSymlink}: atomic renames that survive a power cut;</li>
 * <li>{@link #openLockFile}: the lock file of a folder, created private.</li>
 * </ul>
 */
public final class SafeFiles {
    /** rw-------: every file pinkeeper writes, but {@link #SERVED_FILE}. */
    public static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    /** rwx------: every folder pinkeeper creates, but {@link #SERVED_DIRECTORY}. */
    public static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    /**
     * rw-r--r--: only for an http-01 challenge response in a web root, which the web server's
     * unprivileged worker processes serve.
     */
    public static final Set<PosixFilePermission> SERVED_FILE = PosixFilePermissions.fromString("rw-r--r--");
    /** rwxr-xr-x: only for the folders pinkeeper creates in a web root to hold {@link #SERVED_FILE}s. */
    public static final Set<PosixFilePermission> SERVED_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    /** Prefix of temporary names; such files are leftovers of an interrupted change. */
    public static final String TEMPORARY_PREFIX = ".tmp-";

    private static final SecureRandom RANDOM = new SecureRandom();

    private SafeFiles() {
    }

    /**
     * Creates {@code dir} (and missing parents, each 0700) and makes it 0700, whether it existed or not.
     *
     * @return {@code dir}
     */
    public static Path privateDirectory(Path dir) throws IOException {
        createPrivateDirectories(dir);
        Files.setPosixFilePermissions(dir, PRIVATE_DIRECTORY);
        return dir;
    }

    /** Creates a folder and its missing parents, each 0700; an existing folder is kept as it is. */
    public static void createPrivateDirectories(Path directory) throws IOException {
        createDirectories(directory, PRIVATE_DIRECTORY);
    }

    /**
     * Creates a folder and its missing parents, each 0755, for files a web server's workers serve
     * ({@link #SERVED_FILE}); an existing folder is kept as it is.
     */
    public static void createServedDirectories(Path directory) throws IOException {
        createDirectories(directory, SERVED_DIRECTORY);
    }

    /** Creates a new 0700 folder; fails if the name exists. */
    public static void createPrivateDirectory(Path directory) throws IOException {
        Files.createDirectory(directory, attribute(PRIVATE_DIRECTORY));
        Files.setPosixFilePermissions(directory, PRIVATE_DIRECTORY);
    }

    /** Creates each missing folder of {@code directory}'s path, outermost first, with exactly {@code mode}. */
    private static void createDirectories(Path directory, Set<PosixFilePermission> mode) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent, mode);
        }
        try {
            Files.createDirectory(absolute, attribute(mode));
            Files.setPosixFilePermissions(absolute, mode);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e; // a file, not a folder
            } // else another process created it meanwhile
        }
    }

    /**
     * Opens (creating it 0600 if needed) the lock file {@code file} for {@link FileChannel#lock}; an
     * existing file keeps its mode.
     */
    public static FileChannel openLockFile(Path file) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    attribute(PRIVATE_FILE));
        } catch (FileAlreadyExistsException e) {
            return FileChannel.open(file, StandardOpenOption.WRITE);
        }
        try {
            Files.setPosixFilePermissions(file, PRIVATE_FILE);
        } catch (IOException | RuntimeException e) {
            channel.close(); // the caller gets no channel to close
            throw e;
        }
        return channel;
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
