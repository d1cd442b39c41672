package dev.pinkeeper.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Joining a site's transaction: a dry run never writes through a transaction that writes. */
class SiteTransactionTest {
    @TempDir
    Path temp;

    @Test
    void aDryRunCannotJoinATransactionThatWrites() throws Exception {
        SiteLayout layout = SiteLayout.of(temp, "s");
        Files.createDirectories(layout.directory());
        Path written = layout.directory().resolve("written");
        try (SiteTransaction outer = SiteTransaction.open(layout, SiteLock.DEFAULT_PATIENCE)) {
            assertThat(outer.dryRun()).isFalse();
            SiteTransaction.beginDryRun();
            try {
                assertThatThrownBy(() -> SiteTransaction.open(layout, SiteLock.DEFAULT_PATIENCE))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("dry run");
            } finally {
                SiteTransaction.endDryRun();
            }
        }
        assertThat(written).doesNotExist();
    }

    @Test
    void aJoinedTransactionIsWhatItJoins() throws Exception {
        SiteLayout layout = SiteLayout.of(temp, "s");
        Files.createDirectories(layout.directory());
        Path written = layout.directory().resolve("written");
        SiteTransaction.beginDryRun();
        try (SiteTransaction outer = SiteTransaction.open(layout, SiteLock.DEFAULT_PATIENCE);
             SiteTransaction joined = SiteTransaction.open(layout, SiteLock.DEFAULT_PATIENCE)) {
            assertThat(outer.dryRun()).isTrue();
            assertThat(joined.dryRun()).isTrue();
            joined.onCommit(() -> Files.writeString(written, "x"));
            joined.commit();
        } finally {
            SiteTransaction.endDryRun();
        }
        assertThat(written).doesNotExist();
        try (SiteTransaction outer = SiteTransaction.open(layout, SiteLock.DEFAULT_PATIENCE);
             SiteTransaction joined = SiteTransaction.open(layout, SiteLock.DEFAULT_PATIENCE)) {
            assertThat(joined.dryRun()).isFalse();
            joined.onCommit(() -> Files.writeString(written, "x"));
            joined.commit();
        }
        assertThat(written).hasContent("x");
    }
}
