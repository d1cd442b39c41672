package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinkeeper.deploy.TlsProbe;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.Served;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.rehearse.FreePorts;
import dev.pinkeeper.rehearse.LocalNginx;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.verify.LiveFetcher;
import dev.pinkeeper.verify.SiteAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site on real pebble and nginx (127.0.0.1) through its key lifetime, time moved with {@code --at}:
 * {@code verify --site} against the plan (and its mismatches), {@code renew} rolling the key over by
 * itself once its lifetime (36 hours here) is over and the gate allows it, idempotent, waiting safely
 * when the gate does not; and a deployment of unchanged content that writes and reloads nothing.
 *
 * <p>Plan: report-only for 0 days, then max-age=86400 (1 day); key lifetime 36 hours; the gate's margin 1 day.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutomaticRolloverTest {
    private static final String SITE = "blog";
    private static final String HOST = "blog.pinkeeper.test";
    private static final long MAX_AGE = 86_400;
    private static final String REPORT_URI = "https://reports.pinkeeper.test/hpkp";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Instant t0;
    @TempDir
    static Path dir;
    static Path state;
    static Path root;
    static LocalPebble pebble;
    static LocalNginx nginx;
    static int port;
    static int strayPort;
    static Instant rolledOverAt;
    static Instant secondRolloverAt;

    @BeforeAll
    static void start() throws Exception {
        t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next());
        root = pebble.writeRoot(dir.resolve("root.pem"));
        state = dir.resolve("state");
        ok(cli("keys", "init", "--site", SITE, "--domain", HOST, "--current", "ec:p256", "--backup", "rsa:2048,ec:p256",
                "--simulated-clock"));
        ok(cli("plan", "init", "--site", SITE, "--report-only-days", "0", "--ramp", "1d", "--key-lifetime", "36h",
                "--report-uri", REPORT_URI, "--at", t0.toString()));
        ok(cli("issue", "--site", SITE, "--directory", pebble.directoryUrl().toString(),
                "--acme-trust", pebble.tlsCaFile().toString(), "--roots", root.toString(),
                "--webroot", Files.createDirectories(dir.resolve("www")).toString(), "--target", "none", "--at", t0.toString()));

        SiteInventory keys = inventory().load(SITE);
        Pin current = keys.current().get(0).pin();
        Pin next = keys.nextFor(keys.current().get(0).id()).orElseThrow().pin();
        port = FreePorts.next();
        strayPort = FreePorts.next();
        Path live = live();
        // a second server with the same certificate and a hand-written header that forgets the backup pins
        String stray = new PkpHeader(true, MAX_AGE, false, REPORT_URI, List.of(current, next)).value();
        nginx = LocalNginx.start(dir.resolve("nginx"), """
                  server {
                    listen 127.0.0.1:%1$d ssl;
                    ssl_certificate %2$s/fullchain.pem;
                    ssl_certificate_key %2$s/privkey.pem;
                    include %2$s/headers-nginx.conf;
                    location / { return 200 "ok\\n"; }
                  }
                  server {
                    listen 127.0.0.1:%3$d ssl;
                    ssl_certificate %2$s/fullchain.pem;
                    ssl_certificate_key %2$s/privkey.pem;
                    add_header Public-Key-Pins-Report-Only '%4$s' always;
                    add_header Strict-Transport-Security 'max-age=31536000' always;
                    location / { return 200 "stray\\n"; }
                  }
                """.formatted(port, live, strayPort, stray), port, strayPort);
        List<String> deploy = new ArrayList<>(List.of("deploy", "--site", SITE, "--target", "nginx",
                "--nginx-conf", nginx.config().toString(), "--probe", "127.0.0.1:" + port,
                "--at", t0.plusSeconds(60).toString()));
        nginx.commandLineOptions().forEach(option -> deploy.add("--nginx-option=" + option));
        ok(cli(deploy.toArray(String[]::new)));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable started : new AutoCloseable[] {nginx, pebble}) {
            try {
                if (started != null) {
                    started.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    @Order(1)
    void verifySiteFindsWhatTheServerServesAgainstThePlanAndEachMismatch() throws Exception {
        Cli.Result matches = verify(port, t0.plusSeconds(120));
        assertThat(matches.code()).as(matches.out() + matches.err()).isZero();

        Cli.Result stray = verify(strayPort, t0.plusSeconds(120));
        assertThat(stray.code()).as(stray.out()).isEqualTo(1);
        JsonNode strayReport = JSON.readTree(stray.out());
        assertThat(codes(strayReport)).containsExactly("pins-differ");
        SiteInventory keys = inventory().load(SITE);
        for (KeyEntry backup : keys.backups()) {
            assertThat(strayReport.toString()).contains("missing").contains(backup.pin().base64());
        }
        assertThat(strayReport.at("/plan/headers/0/name").asText()).isEqualTo(PkpHeader.REPORT_ONLY_NAME);

        // the plan moves on (a ramp step recorded, not deployed): the server still sends report-only
        Instant t1 = t0.plus(Duration.ofHours(1));
        ok(cli("plan", "ramp", "--site", SITE, "--at", t1.toString()));
        Cli.Result behind = verify(port, t1.plusSeconds(30));
        assertThat(behind.code()).as(behind.out()).isEqualTo(1);
        assertThat(codes(JSON.readTree(behind.out()))).containsExactly("mode-differs");
        assertThat(JSON.readTree(behind.out()).at("/plan/headers/0/value").asText()).contains("max-age=" + MAX_AGE);

        Cli.Result deployed = cli("deploy", "--site", SITE, "--at", t1.plusSeconds(60).toString());
        assertThat(deployed.code()).as(deployed.out()).isZero();
        assertThat(deployed.out()).startsWith("deployed").contains("nginx reloaded");
        Cli.Result caughtUp = verify(port, t1.plusSeconds(90));
        assertThat(caughtUp.code()).as(caughtUp.out()).isZero();
        assertThat(served(PkpHeader.NAME)).contains("max-age=" + MAX_AGE);
    }

    @Test
    @Order(2)
    void renewBeforeTheKeyLifetimeIsOverChangesNothing() throws Exception {
        renewFindsNothingDue(t0.plus(Duration.ofHours(24)));
    }

    @Test
    @Order(3)
    void renewRollsTheKeyOverOnceItsLifetimeIsOverAndTheGateAllowsIt() throws Exception {
        SiteInventory before = inventory().load(SITE);
        KeyEntry oldKey = before.current().get(0);
        KeyEntry next = before.nextFor(oldKey.id()).orElseThrow();
        assertThat(new TlsProbe("127.0.0.1", port, HOST, Duration.ofSeconds(5)).servedLeafPin()).isEqualTo(oldKey.pin());

        rolledOverAt = t0.plus(Duration.ofHours(37));
        Cli.Result run = cli("renew", "--at", rolledOverAt.toString());
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("rolled over key " + oldKey.id() + " to " + next.id()).contains("nginx reloaded")
                .contains("1 renewed or advanced");

        SiteInventory after = inventory().load(SITE);
        assertThat(after.current()).extracting(KeyEntry::id).containsExactly(next.id());
        assertThat(after.byId(oldKey.id()).orElseThrow().role()).isEqualTo(KeyRole.RETIRED);
        // retired at renew's --at (37 hours ahead of the machine's clock), which keys prune compares
        assertThat(after.byId(oldKey.id()).orElseThrow().retired()).isEqualTo(rolledOverAt);
        KeyEntry newNext = after.nextFor(next.id()).orElseThrow();
        assertThat(newNext.id()).isNotIn(before.keys().stream().map(KeyEntry::id).toList());
        assertThat(after.backups()).extracting(KeyEntry::id)
                .containsExactlyElementsOf(before.backups().stream().map(KeyEntry::id).toList());

        // nginx serves the new key, and the header pins it, the fresh next key and the backups, not the old key
        assertThat(new TlsProbe("127.0.0.1", port, HOST, Duration.ofSeconds(5)).servedLeafPin()).isEqualTo(next.pin());
        String header = served(PkpHeader.NAME);
        assertThat(header).contains(next.pin().base64()).contains(newNext.pin().base64())
                .doesNotContain(oldKey.pin().base64());
        after.backups().forEach(b -> assertThat(header).contains(b.pin().base64()));
        assertThat(verify(port, rolledOverAt.plusSeconds(30)).code()).isZero();

        // before the switch, every enforcing header served pinned the new key, for at least its max-age
        List<Served> history = new PlanService(inventory()).load(SITE).history().timeline(HOST).orElseThrow().intervals();
        List<Served> beforeSwitch = history.stream().filter(s -> s.from().isBefore(rolledOverAt)).toList();
        List<Served> enforced = beforeSwitch.stream().filter(s -> s.enforcing() != null).toList();
        assertThat(enforced).isNotEmpty().allSatisfy(s -> assertThat(s.enforcing().pins()).contains(next.pin()));
        assertThat(beforeSwitch).allSatisfy(s -> assertThat(s.chains().get(0).leaf()).isEqualTo(oldKey.pin()));
        long maxAge = enforced.stream().mapToLong(s -> s.enforcing().maxAge()).max().orElseThrow();
        assertThat(Duration.between(enforced.get(0).from(), rolledOverAt).getSeconds()).isGreaterThanOrEqualTo(maxAge);
        assertThat(history.stream().filter(s -> !s.from().isBefore(rolledOverAt)))
                .allSatisfy(s -> assertThat(s.chains().get(0).leaf()).isEqualTo(next.pin()));
    }

    @Test
    @Order(4)
    void renewAgainIsIdempotent() throws Exception {
        renewFindsNothingDue(rolledOverAt);
        renewFindsNothingDue(rolledOverAt.plusSeconds(60));
    }

    /** renew at {@code at} exits 0 saying nothing is due, and changes nothing. */
    private static void renewFindsNothingDue(Instant at) throws Exception {
        Snapshot before = snapshot();
        Cli.Result run = cli("renew", "--at", at.toString());
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains(SITE + ": nothing due").contains("0 renewed or advanced")
                .doesNotContain("rolled over");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void aDueRolloverTheGateHoldsBackWaitsAndChangesNothing() throws Exception {
        SiteInventory keys = inventory().load(SITE);
        KeyEntry newNext = keys.nextFor(keys.current().get(0).id()).orElseThrow();
        // the headers served until the second before the rollover lacked the new next key's pin: a client that
        // cached one then keeps it for max-age; the gate adds its 1-day margin
        Instant published = newNext.publishedSince();
        assertThat(published).isNotNull().isAfterOrEqualTo(rolledOverAt);
        Instant safe = published.minusSeconds(1).plusSeconds(MAX_AGE).plus(Duration.ofDays(1));
        Instant due = rolledOverAt.plus(Duration.ofHours(37));
        assertThat(due).isBefore(safe);

        Snapshot before = snapshot();
        Cli.Result text = cli("renew", "--at", due.toString());
        assertThat(text.code()).as(text.out() + text.err()).isZero();
        assertThat(text.out()).contains(SITE + ": waiting: rollover due, waiting until " + safe
                + " (pin published since " + published + ")").contains("1 waiting for a safe rollover, 0 failed");
        Cli.Result json = cli("renew", "--json", "--at", due.plusSeconds(60).toString());
        assertThat(json.code()).isZero();
        JsonNode document = JSON.readTree(json.out());
        assertThat(document.at("/sites/0/outcome").asText()).isEqualTo("waiting");
        assertThat(document.at("/sites/0/waitUntil").asText()).isEqualTo(safe.toString());
        assertThat(document.at("/counts/waiting").asInt()).isEqualTo(1);
        assertThat(json.err()).contains("rollover due, waiting until " + safe);
        assertThat(snapshot()).isEqualTo(before);

        secondRolloverAt = safe;
        Cli.Result later = cli("renew", "--at", safe.toString());
        assertThat(later.code()).as(later.out() + later.err()).isZero();
        assertThat(later.out()).contains("rolled over key " + keys.current().get(0).id() + " to " + newNext.id());
        assertThat(new TlsProbe("127.0.0.1", port, HOST, Duration.ofSeconds(5)).servedLeafPin()).isEqualTo(newNext.pin());
    }

    @Test
    @Order(7)
    void aDeploymentOfUnchangedContentWritesNoReleaseAndDoesNotReload() throws Exception {
        Snapshot before = snapshot();
        long reloads = reloads();
        Cli.Result json = cli("deploy", "--site", SITE, "--json", "--at", Instant.now().plus(Duration.ofDays(30)).toString());
        assertThat(json.code()).as(json.out() + json.err()).isZero();
        JsonNode result = JSON.readTree(json.out());
        assertThat(result.get("status").asText()).isEqualTo("unchanged");
        assertThat(result.get("release").asText()).isEqualTo(Files.readSymbolicLink(live()).getFileName().toString());
        Cli.Result text = cli("deploy", "--site", SITE, "--at", Instant.now().plus(Duration.ofDays(31)).toString());
        assertThat(text.code()).isZero();
        assertThat(text.out()).startsWith("unchanged: content unchanged, no reload");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(reloads()).isEqualTo(reloads);
    }

    @Test
    @Order(6)
    void renewDeploysAgainWhenTheDeploymentAfterARolloverWasRolledBack() throws Exception {
        SiteInventory keys = inventory().load(SITE);
        Pin current = keys.current().get(0).pin();
        // the state a failed deployment after a rollover leaves: the plan has moved on, live and nginx are back
        // on the release before it, which serves the retired key
        List<String> releases = snapshot().releases();
        Path previous = Path.of("releases", releases.get(releases.size() - 2));
        Path temporary = live().resolveSibling(".live-test");
        Files.createSymbolicLink(temporary, previous);
        Files.move(temporary, live(), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        dev.pinkeeper.server.Nginx.target(nginx.config(), nginx.commandLineOptions()).reload();
        // the rollback recorded the previous release's hash as served: anything but the new content's
        Files.delete(live().resolveSibling("served.sha256"));
        Pin servedBefore = new TlsProbe("127.0.0.1", port, HOST, Duration.ofSeconds(5)).servedLeafPin();
        assertThat(servedBefore).isNotEqualTo(current);
        assertThat(keys.byPin(servedBefore).orElseThrow().role()).isEqualTo(KeyRole.RETIRED);

        Cli.Result run = cli("renew", "--at", secondRolloverAt.plusSeconds(60).toString());
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("no longer current").contains("nginx reloaded");
        assertThat(new TlsProbe("127.0.0.1", port, HOST, Duration.ofSeconds(5)).servedLeafPin()).isEqualTo(current);
    }

    /** What a run may change: releases, the live link, the plan and key inventory versions, the served key. */
    private record Snapshot(List<String> releases, Path live, int planVersion, int inventoryVersion, Pin served) {
    }

    private static Snapshot snapshot() throws Exception {
        List<String> releases;
        try (var list = Files.list(state.resolve("sites/" + SITE + "/deploy/releases"))) {
            releases = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        return new Snapshot(releases, Files.readSymbolicLink(live()), new PlanService(inventory()).load(SITE).version(),
                inventory().load(SITE).version(), new TlsProbe("127.0.0.1", port, HOST, Duration.ofSeconds(5)).servedLeafPin());
    }

    /** How many times nginx was told to reload (its error log at level notice records each SIGHUP). */
    private static long reloads() {
        return nginx.errorLog().lines().filter(line -> line.contains("reconfiguring")).count();
    }

    private static Cli.Result verify(int serverPort, Instant at) {
        return cli("verify", "--site", SITE, "--json", "--connect-to", "127.0.0.1", "--trust", root.toString(),
                "--at", at.toString(), "https://" + HOST + ":" + serverPort + "/");
    }

    private static List<String> codes(JsonNode report) {
        List<String> codes = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (!f.get("severity").asText().equals("note")) {
                codes.add(f.get("code").asText());
            }
        });
        return codes;
    }

    private static String served(String header) throws Exception {
        return new LiveFetcher().connectTo("127.0.0.1").fetch(SiteAddress.parse("https://" + HOST + ":" + port + "/"))
                .values(header).get(0);
    }

    private static Path live() {
        return state.resolve("sites").resolve(SITE).resolve("deploy").resolve("live");
    }

    private static void ok(Cli.Result result) {
        assertThat(result.code()).as(result.out() + result.err()).isZero();
    }

    private static Cli.Result cli(String... args) {
        return Cli.runWithState(state, args);
    }

    private static KeyInventory inventory() {
        return new KeyInventory(new StateDirectory(state));
    }
}
