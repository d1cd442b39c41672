package dev.pinkeeper.site.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyGenerator;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.StoredPlan;
import dev.pinkeeper.testing.KilledRuns;

/**
 * A recovery killed (SIGKILL) at random moments leaves either no site, and a second recovery then recreates it
 * whole, or the whole site: its keys, its plan and the served header's period. Never keys without their plan.
 */
class RecoveryKillTest {
    private static final int KILLS = 8;

    @TempDir
    Path temp;

    @Test
    void aKilledRecoveryLeavesNoSiteOrAWholeOne() throws Exception {
        Path fixtures = Files.createDirectories(temp.resolve("backups"));
        Files.write(fixtures.resolve("ec-1.der"), KeyGenerator.generate(KeyAlgorithm.EC_P256).getPrivate().getEncoded());
        Files.write(fixtures.resolve("ec-2.der"), KeyGenerator.generate(KeyAlgorithm.EC_P384).getPrivate().getEncoded());
        long seed = Long.getLong("pinkeeper.killSeed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("recovery kill test: seed " + seed + " (-Dpinkeeper.killSeed=" + seed + " replays it)");

        long[] whole = {0};
        long millis = run(temp.resolve("calibrate"), fixtures, Long.MAX_VALUE, false); // how long one recovery takes here
        assertThat(millis).as("the uninterrupted recovery finished").isGreaterThanOrEqualTo(0);
        checkWhole(temp.resolve("calibrate"));
        int noSite = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Path state = temp.resolve("state" + kill);
            // half the kills anywhere in the run (key generation takes most of it), half within 80 ms of its first
            // write under the state's sites folder, where a recovery writes the site's keys and then its plan
            boolean atFirstWrite = kill % 2 == 0;
            long ran = run(state, fixtures, atFirstWrite ? random.nextInt(80) : (long) (random.nextDouble() * millis * 1.2),
                    atFirstWrite);
            KeyInventory inventory = new KeyInventory(new StateDirectory(state));
            if (ran < 0 && !inventory.exists(RecoveryRun.SITE)) {
                noSite++;
                assertThat(inventory.siteDirectory(RecoveryRun.SITE)).as("no site folder: a recovery can start afresh")
                        .doesNotExist();
                new SiteRecovery(inventory).recover(RecoveryRun.request(fixtures), false);
            } else {
                whole[0]++;
            }
            checkWhole(state);
        }
        System.out.println("recovery kill test: " + KILLS + " runs, " + noSite + " killed before the site was in place,"
                + " " + whole[0] + " found whole; one recovery takes " + millis + " ms here");
    }

    private static boolean written(Path sites) throws java.io.IOException {
        if (!Files.isDirectory(sites)) {
            return false;
        }
        try (Stream<Path> children = Files.list(sites)) {
            return children.findAny().isPresent();
        }
    }

    /** The site recovered whole: its keys (private halves 0600), its plan, the cached header's period recorded. */
    private static void checkWhole(Path state) throws Exception {
        KeyInventory inventory = new KeyInventory(new StateDirectory(state));
        SiteInventory site = inventory.load(RecoveryRun.SITE);
        assertThat(site.current()).hasSize(1);
        StoredPlan plan = new PlanService(inventory).store().live(site).orElseThrow(
                () -> new AssertionError("the recovered site has keys but no plan"));
        assertThat(plan.history().hostNames()).as("the served header's period, on the site's domain").containsExactly("shop.pinkeeper.test");
        assertThat(plan.history().lastChange()).isNotNull();
        for (KeyEntry key : site.keys()) {
            assertThat(inventory.keyPair(RecoveryRun.SITE, key)).isNotNull();
        }
        try (Stream<Path> walk = Files.walk(inventory.siteDirectory(RecoveryRun.SITE))) {
            for (Path path : walk.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    assertThat(mode).as(path.toString()).isEqualTo("rwx------");
                } else if (path.getFileName().toString().startsWith("private")) {
                    assertThat(mode).as(path.toString()).isEqualTo("rw-------");
                }
            }
        }
    }

    /**
     * Runs a recovery into {@code state}, killing it {@code killAfter} ms after it is ready (or, {@code atFirstWrite},
     * after something first appears in the state's sites folder) unless it ended; returns how long it ran when it
     * ended by itself, -1 when it was killed.
     */
    private static long run(Path state, Path fixtures, long killAfter, boolean atFirstWrite) throws Exception {
        Process process = new ProcessBuilder(KilledRuns.java(RecoveryRun.class.getName(), state.toString(),
                fixtures.toString())).redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the process is gone
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process.isAlive() && !lines.contains("READY") && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(lines).as("the recovery started: " + lines).contains("READY");
        long ready = System.nanoTime();
        Path sites = state.resolve("sites");
        while (atFirstWrite && process.isAlive() && !written(sites)) {
            Thread.sleep(0, 200_000);
        }
        boolean ended = process.waitFor(Math.min(killAfter, 120_000), TimeUnit.MILLISECONDS);
        long ran = (System.nanoTime() - ready) / 1_000_000;
        if (!ended) {
            process.destroyForcibly(); // SIGKILL
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        reader.join(30_000);
        if (ended) {
            assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
            assertThat(lines).contains("DONE");
            return ran;
        }
        return lines.contains("DONE") ? ran : -1;
    }
}
