package dev.pinkeeper.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.lifecycle.Programs;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.ServedPeriod;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
                .contains("renew when the new key's lifetime is over")
                .contains("WAITING: rollover due, waiting until")
                .contains("pinkeeper verify --site rehearsal")
                .contains("pinkeeper site recover --issue from the QR text alone")
                .contains("in the same run: issue at the backup CA for the promoted backup, deploy")
                .doesNotContain("FAIL");
        // the steps really happened: a release per deployment (first, four ramp steps, two rollovers, emergency)
        Path lost = work.resolve(Rehearsal.LOST_STATE);
        try (var releases = Files.list(lost.resolve("sites/rehearsal/deploy/releases"))) {
            assertThat(releases.count()).isGreaterThanOrEqualTo(8);
        }
        // the recovered site: the header nginx served recorded up to the drill, then the promoted backup,
        // which the lost site had pinned all along
        List<ServedPeriod> recovered = new PlanService(new KeyInventory(new StateDirectory(work.resolve("state"))))
                .load(Rehearsal.SITE).history().timeline(Rehearsal.HOST).orElseThrow().intervals();
        assertThat(recovered).hasSize(2);
        Pin promoted = recovered.get(1).chains().get(0).leaf();
        assertThat(recovered.get(0).headers().get(0).pins()).contains(promoted);
        List<ServedPeriod> history = new PlanService(new KeyInventory(new StateDirectory(lost)))
                .load(Rehearsal.SITE).history().timeline(Rehearsal.HOST).orElseThrow().intervals();
        assertThat(history).anyMatch(served -> served.enforcing() != null && served.enforcing().maxAge() == 300);
        assertThat(history).anyMatch(served -> served.enforcing() != null && served.enforcing().maxAge() == 5_184_000);
        // four leaf keys one after the other: the first, two renew rollovers, the emergency backup
        Map<Pin, List<ServedPeriod>> byLeaf = history.stream().collect(Collectors.groupingBy(
                served -> served.chains().get(0).leaf(), LinkedHashMap::new, Collectors.toList()));
        assertThat(byLeaf).hasSize(4);
        assertThat(history).allMatch(served -> served.headers().stream().allMatch(h -> h.pins(promoted)));
        List<Duration> spans = byLeaf.values().stream().limit(3).map(intervals -> Duration.between(
                intervals.get(0).from(), intervals.get(intervals.size() - 1).until())).toList();
        // renew rolled the first key over once its lifetime was over, not before
        assertThat(spans.get(0)).isGreaterThanOrEqualTo(Rehearsal.KEY_LIFETIME);
        // the second waited beyond its lifetime: headers with max-age=30 days lacked its next key's pin
        assertThat(spans.get(1)).isGreaterThan(Rehearsal.KEY_LIFETIME.plusDays(10));
        assertThat(Files.readString(work.resolve("nginx/error.log"))).contains("signal 1 (SIGHUP) received");
        // the backup CA requires an External Account Binding: the emergency certificate came through the kept one
        assertThat(Files.readString(work.resolve("ca-backup/pebble-config.json")))
                .contains("\"externalAccountBindingRequired\": true");
        Path backupAccount = work.resolve("state/sites/rehearsal/accounts/backup");
        assertThat(backupAccount.resolve("eab-hmac-key")).exists();
        assertThat(backupAccount.resolve("account-key.pem")).exists();
        // every program it started was stopped
        assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(command -> command.contains(work.toString()))).isEmpty();
    }

    @Test
    void withoutItsProgramsItNamesTheCommandThatInstallsThemAndChangesNothing(@TempDir Path empty) throws Exception {
        // no pebble, nginx or curl anywhere; no install script given (the launchers give one)
        System.setProperty(Programs.PATH_PROPERTY, empty.toString());
        try {
            assertThat(Rehearsal.missingPackages()).containsExactly("pebble", "nginx", "curl");
            Path dir = empty.resolve("rehearsal");
            Cli.Result result = Cli.run("rehearse", "--dir", dir.toString());
            assertThat(result.code()).isEqualTo(2);
            assertThat(result.errLines()).hasSize(1);
            assertThat(result.err()).contains("pebble nginx curl")
                    .containsPattern("run (sudo )?apt-get install pebble nginx curl");
            assertThat(dir).doesNotExist();
        } finally {
            System.clearProperty(Programs.PATH_PROPERTY);
        }
        assertThat(Rehearsal.missingPackages()).as("this machine has them (scripts/install-deps.sh)").isEmpty();
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
