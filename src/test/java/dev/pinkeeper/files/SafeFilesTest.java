package dev.pinkeeper.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file primitives: permissions as asked, whatever the umask; nothing replaced; no temporary left behind. */
class SafeFilesTest {
    @TempDir
    Path temp;

    @Test
    void privateFoldersAreCreated0700AndAnExistingFolderIsKeptOrTightenedAsAsked() throws Exception {
        Path nested = temp.resolve("a/b/c");
        SafeFiles.createPrivateDirectories(nested);
        for (Path p : new Path[] {temp.resolve("a"), temp.resolve("a/b"), nested}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rwx------");
        }
        Path open = Files.createDirectory(temp.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        SafeFiles.createPrivateDirectories(open);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(open))).isEqualTo("rwxr-xr-x");
        SafeFiles.privateDirectory(open);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(open))).isEqualTo("rwx------");
        assertThatThrownBy(() -> SafeFiles.createPrivateDirectory(open)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void writeNewSetsTheExactPermissionsAndNeverReplacesAFile() throws Exception {
        Path file = temp.resolve("public.txt");
        SafeFiles.writeNew(file, bytes("one"), SafeFiles.SERVED_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        assertThatThrownBy(() -> SafeFiles.writeNew(file, bytes("two"), SafeFiles.PRIVATE_FILE))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("one");
    }

    @Test
    void writeNewAtomicallyLeavesThePrivateFileOnlyAndNeverReplacesOne() throws Exception {
        Path file = temp.resolve("key.pem");
        SafeFiles.writeNewAtomically(file, bytes("secret"));
        assertThat(Files.readString(file)).isEqualTo("secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThatThrownBy(() -> SafeFiles.writeNewAtomically(file, bytes("other")))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("secret");
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("key.pem");
        }
    }

    @Test
    void swapSymlinkRepointsTheLinkAndMoveNewRefusesAnExistingTarget() throws Exception {
        Path link = temp.resolve("live");
        Files.createSymbolicLink(link, Path.of("v1"));
        SafeFiles.swapSymlink(link, Path.of("v2"));
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("v2"));
        Path source = Files.writeString(temp.resolve("source"), "x");
        assertThatThrownBy(() -> SafeFiles.moveNew(source, link)).isInstanceOf(FileAlreadyExistsException.class);
        SafeFiles.moveNew(source, temp.resolve("target"));
        assertThat(temp.resolve("target")).hasContent("x");
        assertThat(source).doesNotExist();
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(SafeFiles.TEMPORARY_PREFIX));
        }
        assertThat(SafeFiles.temporarySibling(link).getFileName().toString()).startsWith(SafeFiles.TEMPORARY_PREFIX + "live-");
    }

    @Test
    void replaceWritesOrReplacesTheWholeFileWithItsPermissionsAndLeavesNoTemporaryFile() throws Exception {
        Path file = temp.resolve("served.sha256");
        SafeFiles.replace(file, bytes("one"), SafeFiles.SERVED_FILE);
        assertThat(file).hasContent("one");
        SafeFiles.replace(file, bytes("two"), SafeFiles.PRIVATE_FILE);
        assertThat(file).hasContent("two");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("served.sha256");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
