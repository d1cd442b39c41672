package dev.pinkeeper.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
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
 * Crash-safe file primitives: files are created with their final permissions (never chmod-ed
 * afterwards), written to a temporary name, fsync-ed, renamed into place without replacing anything,
 * and the folder is fsync-ed so the rename survives a power cut.
 */
public final class DurableFiles {
    /** Prefix of temporary names; such files are leftovers of an interrupted change. */
    public static final String TEMPORARY_PREFIX = ".tmp-";

    static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private static final SecureRandom RANDOM = new SecureRandom();

    private DurableFiles() {
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
     * Writes a new 0600 file durably: temporary name, fsync, rename to {@code target}, fsync of the
     * folder. Never replaces an existing file.
     *
     * @throws FileAlreadyExistsException if {@code target} exists
     */
    public static void writeNew(Path target, byte[] content) throws IOException {
        Path temporary = temporarySibling(target);
        writeAndSync(temporary, content);
        try {
            moveNew(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes a new file (0600) and fsyncs it; fails if it exists. */
    public static void writeAndSync(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), attribute(PRIVATE_FILE))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Renames {@code source} to the absent {@code target} atomically and fsyncs the target's folder. */
    public static void moveNew(Path source, Path target) throws IOException {
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target.getParent());
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
        syncDirectory(link.getParent());
    }

    /** fsyncs a folder so that the names created or renamed in it are durable. */
    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }

    /** A fresh temporary name beside {@code path}. */
    public static Path temporarySibling(Path path) {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return path.resolveSibling(TEMPORARY_PREFIX + path.getFileName() + "-" + HexFormat.of().formatHex(random));
    }

    static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
