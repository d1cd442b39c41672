package dev.pinkeeper.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.plan.LockoutSimulator;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.PlanSettings;
import dev.pinkeeper.plan.site.SiteClock;
import dev.pinkeeper.plan.site.StoredPlan;
import dev.pinkeeper.testing.KilledRuns;

/**
 * kill -9, for real, of a process that changes a site again and again in its transaction ({@link SiteChangeLoop}:
 * rollovers, settings changes, emergency promotions, key changes), at random moments: after each kill the site
 * opens whole — every change acknowledged before the kill is there, at most the one under way besides; the live
 * plan is the newest one visible and names only keys of the live inventory; the history holds each committed
 * version once and nothing an interrupted change wrote; private keys stay 0600 in 0700 folders — and the next
 * run goes on from it.
 *
 * <p>{@code -Dpinkeeper.siteKills=N} sets the number of kills (30 by default; {@code -Dpinkeeper.killSeed=S} replays a
 * run, whose seed is printed).
 */
class SiteTransactionKillTest {
    private static final int KILLS = Integer.getInteger("pinkeeper.siteKills", 30);
    private static final String SITE = "crash";
    private static final Instant START = Instant.parse("2027-01-01T00:00:00Z");
    /** The longest wait, after the child is ready, before it is killed. */
    private static final int LONGEST_RUN_MILLIS = 1000;
    /** Kills of one site: a longer soak starts a fresh site after so many (its history would only grow). */
    private static final int KILLS_PER_SITE = 50;
    /** Not a change: the versions a check found live after a kill. */
    private static final String SEEN = "seen";

    @TempDir
    Path temp;

    /** One change the child acknowledged. */
    private record Ack(String kind, int inventoryVersion, int planVersion, Instant at) {
        static Ack parse(String line) {
            String[] fields = line.split(" ");
            return new Ack(fields[1], Integer.parseInt(fields[2]), Integer.parseInt(fields[3]), Instant.parse(fields[4]));
        }
    }

    @Test
    void killedAtRandomMomentsTheSiteKeepsEveryAcknowledgedChangeAndShowsNothingHalfWritten() throws Exception {
        long seed = Long.getLong("pinkeeper.killSeed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("site transaction kill test: seed " + seed + " (-Dpinkeeper.killSeed=" + seed + " replays it)");
        Map<String, Integer> seen = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        long started = System.nanoTime();
        for (int round = 0, done = 0; done < KILLS; round++) {
            int kills = Math.min(KILLS_PER_SITE, KILLS - done);
            killRound(temp.resolve("state" + round), kills, random, kinds, seen);
            done += kills;
        }
        int acknowledged = kinds.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("site transaction kill test: " + KILLS + " kills in " + (System.nanoTime() - started) / 1_000_000_000L
                + " s, " + acknowledged + " changes acknowledged " + kinds + ", found after a kill: " + seen);
        // a run's first change is slow (a cold JVM): some kills come before it, most after
        assertThat(acknowledged).as("changes acknowledged over all the runs").isGreaterThanOrEqualTo(KILLS / 2);
    }

    /** {@code kills} runs of the loop on a fresh site in {@code state}, each killed; then one more change here. */
    private static void killRound(Path state, int kills, Random random, Map<String, Integer> kinds,
            Map<String, Integer> seen) throws Exception {
        KeyInventory inventory = new KeyInventory(new StateDirectory(state));
        PlanService plans = new PlanService(inventory);
        fullyRampedSite(inventory, plans);
        SiteLayout layout = inventory.layout(SITE);
        List<Ack> acknowledged = new ArrayList<>();
        acknowledged.add(new Ack("setup", inventory.load(SITE).version(), plans.load(SITE).version(), null));
        for (int kill = 0; kill < kills; kill++) {
            List<String> lines = runAndKill(state, random.nextInt(LONGEST_RUN_MILLIS));
            for (String line : lines) {
                if (line.startsWith("ACK ") && line.endsWith(" .")) {
                    Ack ack = Ack.parse(line);
                    acknowledged.add(ack);
                    kinds.merge(ack.kind(), 1, Integer::sum);
                } else if (line.startsWith("REFUSED ")) {
                    seen.merge("refused", 1, Integer::sum);
                }
            }
            countLeftovers(layout, seen);
            checkSite(inventory, plans, layout, acknowledged);
            // what this check saw is the floor of the next one: a change the killed run committed without
            // saying so is allowed once, not again after every later run that is killed before its first ack
            acknowledged.add(new Ack(SEEN, inventory.load(SITE).version(), plans.load(SITE).version(), null));
        }
        // the site goes on here too: the next change cleans what the last kill left, and commits
        Instant at = plans.load(SITE).written().plus(Duration.ofDays(62));
        plans.rollover(SITE, null, at, false);
        assertThat(leftovers(layout)).isEmpty();
        assertThat(new InventoryVersions(layout).uncommitted()).isEmpty();
        checkSite(inventory, plans, layout, acknowledged);
    }

    /** A site whose plan has ramped to its longest max-age: every rollover and promotion 62 days apart is safe. */
    private static void fullyRampedSite(KeyInventory inventory, PlanService plans) throws Exception {
        inventory.create(SITE, List.of("crash.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        SiteClock.simulate(inventory, SITE);
        plans.init(SITE, PlanSettings.DEFAULT, START);
        plans.advance(SITE, START, false);
        Instant at = START.plus(Duration.ofDays(7));
        for (long step : new long[] {300, 86_400, 7 * 86_400, 30 * 86_400, 0}) {
            plans.rampStep(SITE, at);
            at = at.plusSeconds(step);
        }
    }

    /** Starts the loop, waits until it is ready, kills it with SIGKILL {@code millis} later; returns what it printed. */
    private static List<String> runAndKill(Path state, int millis) throws Exception {
        Path errors = Files.createTempFile(state.getParent(), "loop", ".err");
        Process process = new ProcessBuilder(KilledRuns.java(SiteChangeLoop.class.getName(), state.toString(), SITE))
                .redirectError(errors.toFile()).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process.isAlive() && !lines.contains("READY") && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(process.isAlive()).as("the loop runs: " + Files.readString(errors)).isTrue();
        assertThat(lines).as("the loop started within a minute").contains("READY");
        boolean ended = process.waitFor(millis, TimeUnit.MILLISECONDS);
        assertThat(ended).as("the loop ended by itself: " + Files.readString(errors)).isFalse();
        process.destroyForcibly(); // SIGKILL
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(30_000);
        Files.delete(errors);
        return new ArrayList<>(lines);
    }

    /** The site as it is after a kill, read as every command reads it (without the lock). */
    private static void checkSite(KeyInventory inventory, PlanService plans, SiteLayout layout, List<Ack> acknowledged)
            throws Exception {
        SiteInventory live = inventory.load(SITE);
        List<SiteInventory> history = inventory.history(SITE);
        // each committed version once, in order, the last one live: nothing an interrupted change wrote
        assertThat(history).extracting(SiteInventory::version)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, live.version()).boxed().toList());
        assertThat(history.get(history.size() - 1)).isEqualTo(live);

        StoredPlan plan = plans.load(SITE);
        List<StoredPlan> versions = plans.store().versions(SITE);
        assertThat(versions.get(versions.size() - 1)).as("the newest plan version shown is the live one").isEqualTo(plan);
        assertThat(versions).extracting(StoredPlan::version).isSorted().doesNotHaveDuplicates();
        Set<String> ids = new HashSet<>();
        live.keys().forEach(k -> ids.add(k.id()));
        assertThat(ids).as("the live plan's keys are in the live inventory").containsAll(plan.keyIds());
        assertThat(new LockoutSimulator().simulate(plan.history()).lockouts()).isEmpty();
        plans.view(SITE, plan.written()); // what status and plan show read

        // every acknowledged change is there; at most the one under way at the kill besides
        int inventoryAcked = acknowledged.stream().mapToInt(Ack::inventoryVersion).max().orElse(0);
        int planAcked = acknowledged.stream().mapToInt(Ack::planVersion).max().orElse(0);
        assertThat(live.version()).isBetween(inventoryAcked, inventoryAcked + 1);
        assertThat(plan.version()).isBetween(planAcked, planAcked + 1);
        for (Ack ack : acknowledged.subList(1, acknowledged.size())) {
            if (ack.kind().equals(SEEN)) {
                continue;
            }
            SiteInventory version = history.get(ack.inventoryVersion() - 1);
            switch (ack.kind()) {
                case "backup" -> assertThat(version.change()).isIn("add backup", "retire backup");
                case "set" -> assertThat(version.version()).isLessThanOrEqualTo(live.version());
                default -> assertThat(version.change()).isEqualTo("plan " + ack.kind());
            }
            if (ack.planVersion() > 0) {
                StoredPlan written = versions.stream().filter(v -> v.version() == ack.planVersion()).findFirst()
                        .orElseThrow(() -> new AssertionError("acknowledged plan version " + ack.planVersion() + " is gone"));
                assertThat(written.written()).isEqualTo(ack.at());
                assertThat(written.change()).startsWith(ack.kind().equals("set") ? "set: " : ack.kind());
            }
        }

        // every key usable, its private key 0600 in 0700 folders
        for (KeyEntry key : live.keys()) {
            if (!key.offline()) {
                assertThat(inventory.keyPair(SITE, key)).isNotNull();
            }
        }
        try (Stream<Path> walk = Files.walk(layout.directory())) {
            for (Path path : walk.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    assertThat(mode).as(path.toString()).isEqualTo("rwx------");
                } else if (path.getFileName().toString().startsWith(SiteLayout.KEY_PRIVATE_PREFIX)) {
                    assertThat(mode).as(path.toString()).isEqualTo("rw-------");
                }
            }
        }
    }

    /** Counts what the last kill left for the next run to clean: the kills that came mid-commit. */
    private static void countLeftovers(SiteLayout layout, Map<String, Integer> seen) throws IOException {
        int live = new InventoryVersions(layout).liveNumber().orElse(0);
        if (!new InventoryVersions(layout).uncommitted().isEmpty()) {
            seen.merge("an inventory version never made live", 1, Integer::sum);
        }
        if (new PlanVersions(layout).files().stream().anyMatch(f -> !PlanVersions.committed(f, live))) {
            seen.merge("a plan version whose inventory version never committed", 1, Integer::sum);
        }
        if (!leftovers(layout).isEmpty()) {
            seen.merge("temporary files", 1, Integer::sum);
        }
    }

    /** The temporary files and folders under the site's folder. */
    private static List<Path> leftovers(SiteLayout layout) throws IOException {
        try (Stream<Path> walk = Files.walk(layout.directory())) {
            return walk.filter(Folders::temporary).toList();
        }
    }
}
