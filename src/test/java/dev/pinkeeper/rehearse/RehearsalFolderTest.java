package dev.pinkeeper.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RehearsalFolder}: a named folder is created and kept; a temporary one is deleted unless kept. */
class RehearsalFolderTest {
    @Test
    void aNamedFolderIsCreatedKeptAndRefusedOnceItHoldsARehearsal(@TempDir Path dir) throws Exception {
        RehearsalFolder folder = RehearsalFolder.of(dir.resolve("a/b"), false);
        assertThat(folder.path()).isDirectory();
        assertThat(folder.holdsEarlierRehearsal()).isFalse();
        Files.createDirectories(folder.path().resolve("state/x"));
        assertThat(folder.holdsEarlierRehearsal()).isTrue();
        folder.finish();
        assertThat(folder.path().resolve("state/x")).isDirectory();
        assertThat(folder.deletedAfterwards()).isFalse();
    }

    @Test
    void aTemporaryFolderIsDeletedUnlessKept() throws Exception {
        RehearsalFolder gone = RehearsalFolder.of(null, false);
        Files.writeString(Files.createDirectories(gone.path().resolve("state/site")).resolve("f"), "x");
        assertThat(gone.deletedAfterwards()).isTrue();
        gone.finish();
        assertThat(gone.path()).doesNotExist();

        RehearsalFolder kept = RehearsalFolder.of(null, true);
        kept.finish();
        assertThat(kept.path()).isDirectory();
        Files.delete(kept.path());
    }
}
