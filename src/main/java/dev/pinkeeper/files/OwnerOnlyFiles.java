package dev.pinkeeper.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

import com.sun.security.auth.module.UnixSystem;

/**
 * The check every private key file passes before pinkeeper reads it, wherever it comes from (the key
 * inventory, the ACME account, {@code deploy --privkey}, a certbot lineage): the file (symlinks
 * followed, as a certbot lineage links to its archive) is a regular file that the user running
 * pinkeeper owns and that no group or other user may read, write or execute. A file another user owns
 * could be read or replaced by that user, so it is refused even when pinkeeper runs as root.
 */
public final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./+:@%=,-]+");

    private OwnerOnlyFiles() {
    }

    /**
     * Refuses a private key file that is not the user's own and private.
     *
     * @throws InsecureFileException naming the file, with the chown and/or chmod that fixes it
     * @throws IOException           naming the file when it is missing, not a file, or its attributes unreadable
     */
    public static void check(Path file) throws IOException {
        try {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + ": " + (Files.isDirectory(file) ? "is a directory" : "not a file")
                        + ", not a private key file");
            }
            Integer owner = owner(file);
            long self = new UnixSystem().getUid();
            boolean foreign = owner != null && owner != self;
            boolean open = Files.getPosixFilePermissions(file).stream().anyMatch(GROUP_OR_OTHERS::contains);
            String quoted = quote(file);
            if (foreign && open) {
                throw new InsecureFileException(file, "private key belongs to another user (uid " + owner
                        + ") and is accessible by group or others", "chown $(id -un) " + quoted + " && chmod 600 " + quoted);
            }
            if (foreign) {
                throw new InsecureFileException(file, "private key belongs to another user (uid " + owner
                        + "), not to the user running pinkeeper (uid " + self + ")", "chown $(id -un) " + quoted);
            }
            if (open) {
                throw new InsecureFileException(file, "private key is accessible by group or others",
                        "chmod 600 " + quoted);
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
    }

    /**
     * {@link #check} for a key pinkeeper keeps itself, and its folder, which no group or other user
     * may use either (0700).
     */
    public static void checkWithFolder(Path file) throws IOException {
        check(file);
        Path folder = file.toAbsolutePath().getParent();
        if (Files.getPosixFilePermissions(folder).stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            Path named = file.getParent() == null ? folder : file.getParent();
            throw new InsecureFileException(named, "folder of a private key is accessible by group or others",
                    "chmod 700 " + quote(named));
        }
    }

    /** The owner's uid, or null where the file system has no Unix owner. */
    private static Integer owner(Path file) throws IOException {
        try {
            return (Integer) Files.getAttribute(file, "unix:uid");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The path as one shell word: as it is when it holds no special character, else in single quotes. */
    private static String quote(Path path) {
        String text = path.toString();
        return SHELL_SAFE.matcher(text).matches() ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
