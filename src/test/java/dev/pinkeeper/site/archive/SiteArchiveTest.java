package dev.pinkeeper.site.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinkeeper.keys.InventoryException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site archive is checked entry by entry when it is opened, before anything may write it: paths that
 * climb out of the site, symlinks that point outside it or at nothing, and entries before their folder
 * are refused; a sound archive opens and writes back what was sealed.
 */
class SiteArchiveTest {
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
    private static final Instant AT = Instant.parse("2027-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aSoundArchiveOpensAndWritesBackWhatWasSealed() throws Exception {
        SiteArchive archive = new SiteArchive("example", AT, List.of(
                new SiteArchive.Entry("versions", SiteArchive.Type.DIRECTORY, "rwx------", null, null),
                new SiteArchive.Entry("versions/000001.json", SiteArchive.Type.FILE, "rw-------",
                        "{}".getBytes(StandardCharsets.UTF_8), null),
                new SiteArchive.Entry("live", SiteArchive.Type.SYMLINK, null, null, "versions/000001.json")));
        SiteArchive opened = SiteArchive.open(archive.seal(PASSPHRASE), PASSPHRASE);
        assertThat(opened.site()).isEqualTo("example");
        assertThat(opened.exported()).isEqualTo(AT);
        opened.writeTo(dir.resolve("example"));
        assertThat(Files.readString(dir.resolve("example/live"))).isEqualTo("{}");
        assertThat(Files.readSymbolicLink(dir.resolve("example/live"))).isEqualTo(Path.of("versions/000001.json"));
    }

    @Test
    void entriesThatLeaveTheSiteOrComeBeforeTheirFolderAreRefused() throws Exception {
        refused(new SiteArchive.Entry("../escape", SiteArchive.Type.FILE, "rw-------", new byte[0], null),
                "not a plain relative path");
        refused(new SiteArchive.Entry(".hidden", SiteArchive.Type.FILE, "rw-------", new byte[0], null),
                "not a plain relative path");
        refused(new SiteArchive.Entry("live", SiteArchive.Type.SYMLINK, null, null, "../../etc/passwd"),
                "points outside the site");
        refused(new SiteArchive.Entry("live", SiteArchive.Type.SYMLINK, null, null, "/etc/passwd"),
                "must point inside the site");
        refused(new SiteArchive.Entry("live", SiteArchive.Type.SYMLINK, null, null, "versions/absent.json"),
                "does not hold");
        refused(new SiteArchive.Entry("keys/a/private.pem", SiteArchive.Type.FILE, "rw-------", new byte[0], null),
                "comes before its folder");
        refused(new SiteArchive.Entry("key.pem", SiteArchive.Type.FILE, "rwsrwxrwx", new byte[0], null),
                "has the mode");
    }

    private static void refused(SiteArchive.Entry entry, String problem) throws InventoryException {
        byte[] sealed = new SiteArchive("example", AT, List.of(entry)).seal(PASSPHRASE);
        assertThatThrownBy(() -> SiteArchive.open(sealed, PASSPHRASE)).as(entry.path())
                .isInstanceOf(InventoryException.class).hasMessageContaining(problem);
    }
}
