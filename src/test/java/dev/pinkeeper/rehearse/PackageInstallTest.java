package dev.pinkeeper.rehearse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;

/** {@link PackageInstall}: the one command that installs what a rehearsal lacks, run only as root with the script. */
class PackageInstallTest {
    private static final List<String> PACKAGES = List.of("pebble", "nginx");

    @Test
    void theCommandIsTheScriptAsRootElseSudoOrApt(@TempDir Path dir) {
        assertThat(new PackageInstall(null, false).command(PACKAGES)).isEqualTo("sudo apt-get install pebble nginx");
        assertThat(new PackageInstall(null, true).command(PACKAGES)).isEqualTo("apt-get install pebble nginx");
        String missing = dir.resolve("install-deps.sh").toString();
        assertThat(new PackageInstall(missing, true).command(PACKAGES)).as("a script that is not there is not used")
                .isEqualTo("apt-get install pebble nginx");
    }

    @Test
    void withoutRootOrScriptNothingRunsAndTheFailureNamesTheCommand() {
        List<String> progress = new ArrayList<>();
        for (PackageInstall install : List.of(new PackageInstall(null, false), new PackageInstall(null, true),
                new PackageInstall("/bin/true", false))) {
            assertThatThrownBy(() -> install.install(PACKAGES, progress::add))
                    .isInstanceOfSatisfying(PinkeeperException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ENVIRONMENT))
                    .hasMessage("rehearse needs the Debian packages pebble nginx (not installed): run "
                            + install.command(PACKAGES));
        }
        assertThat(progress).isEmpty();
    }
}
