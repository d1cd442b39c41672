package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.site.SiteLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CA directory that cannot be read is the user's input only when it was given now. */
class DirectoryReachTest {
    @TempDir
    Path temp;

    private SiteLayout paths() {
        return SiteLayout.of(temp.resolve("state"), "example");
    }

    @Test
    void anUnreadableDirectoryIsTheUsersInputOnlyWhenGivenNow() throws Exception {
        AcmeSettings unreachable = new AcmeSettings(new CaSettings("http://127.0.0.1:1/dir", null, null), null, null,
                null, null, null, null, List.of());
        Optional<DirectoryReach> saved = DirectoryReach.check(unreachable, "primary", paths(), AcmeSettings.empty());
        assertThat(saved).isPresent();
        assertThat(saved.get().givenNow()).isFalse();
        assertThat(saved.get().error().setting()).isEqualTo(SiteSetting.DIRECTORY);
        assertThat(DirectoryReach.check(unreachable, "primary", paths(), unreachable).get().givenNow()).isTrue();
        assertThat(DirectoryReach.check(unreachable, "primary", paths(), null).get().givenNow()).isFalse();
    }
}
