package dev.pinkeeper.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pinkeeper rehearse} end to end: real pebble CAs, nginx and curl on 127.0.0.1. */
class RehearseCommandTest {
    @Test
    void everyStepBehavesAndNothingKeepsRunning(@TempDir Path dir) throws Exception {
        Path work = dir.resolve("rehearsal");
        Cli.Result result = Cli.run("rehearse", "--dir", work.toString());

        assertThat(result.code()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("verdict: PASS")
                .contains("second rollover at once, to the new next key")
                .contains("refused: safe from")
                .doesNotContain("FAIL");
        // the steps really happened: releases written, history recorded, nginx reloaded
        try (var releases = Files.list(work.resolve("state/sites/rehearsal/deploy/releases"))) {
            assertThat(releases.count()).isGreaterThanOrEqualTo(5);
        }
        var history = new PlanService(new KeyInventory(new StateDirectory(work.resolve("state"))))
                .load(Rehearsal.SITE).history().timeline(Rehearsal.HOST).orElseThrow().intervals();
        assertThat(history).anyMatch(served -> served.enforcing() != null && served.enforcing().maxAge() == 300);
        assertThat(Files.readString(work.resolve("nginx/error.log"))).contains("signal 1 (SIGHUP) received");
        // every program it started was stopped
        assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(command -> command.contains(work.toString()))).isEmpty();
    }

    @Test
    void aSecondRehearsalInTheSameFolderIsRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("state"));
        Cli.Result result = Cli.run("rehearse", "--dir", dir.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).contains("--dir");
    }
}
