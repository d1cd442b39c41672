package dev.pinkeeper.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PackageIT's guard: it never replaces or purges a pinkeeper the machine had (a scratch folder plays the root). */
class ScratchMachineTest {
    @TempDir
    Path root;

    @Test
    void aMachineWithoutPinkeeperIsScratch() {
        assertThat(new ScratchMachine(root, Optional.empty()).refusal()).isEmpty();
        assertThat(new ScratchMachine(root, Optional.of("unknown ok not-installed")).refusal()).isEmpty();
    }

    @Test
    void anInstalledPackageIsNeverPurged() {
        for (String status : new String[] {"install ok installed", "deinstall ok config-files", "install ok half-configured"}) {
            ScratchMachine machine = new ScratchMachine(root, Optional.of(status));
            assertThat(machine.packageInstalled()).as(status).isTrue();
            assertThat(machine.refusal()).as(status).hasValueSatisfying(why -> assertThat(why)
                    .contains("a pinkeeper package is installed on this machine (dpkg: " + status + ")")
                    .contains("throwaway machine"));
        }
    }

    @Test
    void aTarballInstallIsNeverOverwritten() throws IOException {
        Files.createDirectories(root.resolve("etc/pinkeeper"));
        Files.writeString(root.resolve("etc/pinkeeper/pinkeeper.toml"), "state = \"/srv/pinkeeper\"\n");
        Files.createDirectories(root.resolve("usr/bin"));
        Files.createSymbolicLink(root.resolve("usr/bin/pinkeeper"), root.resolve("nowhere")); // a dangling link counts
        assertThat(new ScratchMachine(root, Optional.empty()).refusal()).hasValueSatisfying(why -> assertThat(why)
                .contains("without its package (/usr/bin/pinkeeper, /etc/pinkeeper)"));
    }

    @Test
    void aPackageLeftByAnInterruptedRunIsItsOwn() throws IOException {
        ScratchMachine machine = new ScratchMachine(root, Optional.of("install ok installed"));
        machine.mark();
        assertThat(machine.refusal()).isEmpty();
        machine.unmark();
        assertThat(machine.marker()).doesNotExist();
        assertThat(machine.refusal()).isPresent();
    }
}
