package dev.pinkeeper.deploy;

import dev.pinkeeper.server.ServerTarget;
import dev.pinkeeper.server.CommandTarget;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReleaseSwitch} with a server whose reload is a shell command that fails on demand: what the
 * switch records about the last reload decides whether the next switch reloads.
 */
class ReleaseSwitchReloadTest {
    @TempDir
    Path dir;

    @Test
    void afterAFailedRollbackTheNextSwitchReloadsEvenToTheContentReadBefore() throws Exception {
        Path failing = dir.resolve("reload-fails");
        Path reloads = dir.resolve("reloads.log");
        ServerTarget server = CommandTarget.of("fake", List.of("true"), List.of("sh", "-c",
                "echo reload >> \"$1\"; test ! -e \"$2\"", "reload", reloads.toString(), failing.toString()), List.of());
        ReleaseSwitch releaseSwitch = ReleaseSwitch.builder(new ReleaseStore(dir.resolve("site")), server).build();
        ReleaseContent first = content();

        SwitchResult served = releaseSwitch.deploy(first);
        assertThat(served.outcome()).as(served.steps().toString()).isEqualTo(SwitchResult.Outcome.SWITCHED);
        SwitchResult again = releaseSwitch.deploy(first);
        assertThat(again.outcome()).as(again.steps().toString()).isEqualTo(SwitchResult.Outcome.UNCHANGED);

        // the reload to the second release fails, and so does the rollback's: the server may read either
        Files.createFile(failing);
        SwitchResult broken = releaseSwitch.deploy(content());
        assertThat(broken.outcome()).as(broken.steps().toString()).isEqualTo(SwitchResult.Outcome.ROLLBACK_FAILED);
        assertThat(Files.readAllLines(reloads)).hasSize(3);

        Files.delete(failing);
        SwitchResult back = releaseSwitch.deploy(first);
        assertThat(back.outcome()).as(back.steps().toString()).isEqualTo(SwitchResult.Outcome.SWITCHED);
        assertThat(back.reloaded()).isTrue();
        assertThat(Files.readAllLines(reloads)).hasSize(4);
    }

    private static ReleaseContent content() {
        SelfSigned cert = SelfSigned.ec("reload.example.test");
        return ReleaseContent.of(cert.certifiedKey(), List.of(new Header("Public-Key-Pins",
                "pin-sha256=\"" + cert.pin().base64() + "\"; max-age=600")));
    }
}
