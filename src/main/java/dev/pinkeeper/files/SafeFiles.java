package dev.pinkeeper.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files once and durably: a new file is created with its final permissions before any
 * byte is written (a private key is never readable by others, not even for a moment), its content
 * is fsynced, and an existing file is never replaced.
 */
public final class SafeFiles {
    /** rw------- */
    public static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    /** rw-r--r-- */
    public static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");
    /** rwx------ */
    public static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private SafeFiles() {
    }

    /**
     * Creates {@code dir} (and missing parents) and makes it 0700.
     *
     * @return {@code dir}
     */
    public static Path privateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PRIVATE_DIRECTORY);
        return dir;
    }

    /**
     * Creates {@code file} with {@code permissions}, writes {@code content} and fsyncs it.
     *
     * @throws FileAlreadyExistsException if the file exists (it is left untouched)
     */
    public static void writeNew(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(permissions))) {
            // the umask may have removed bits from the creation mode: set them exactly
            Files.setPosixFilePermissions(file, permissions);
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Flushes a directory's entries (new names, renames) to disk. */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
