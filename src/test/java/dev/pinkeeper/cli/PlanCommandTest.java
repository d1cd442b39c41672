package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.Cli.Result;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.Processes;

/**
 * {@code pinkeeper plan …} end to end through the command line: the walkthrough of the README, and
 * the shipped bad scenarios (smashing-magazine-2016, intermediate-only-pin, lost-key-no-backup)
 * driven through the commands, each refused before it happens with nothing changed on disk.
 */
class PlanCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant START = Instant.parse("2027-01-01T00:00:00Z");
    /** When the default ramp reaches its final max-age (60 days): 7 days report-only, then 5 min, 1, 7, 30 days. */
    static final Instant FINAL_STEP = START.plus(Duration.ofDays(7 + 1 + 7 + 30)).plusSeconds(300);

    @TempDir
    Path temp;
    Path state;

    @BeforeEach
    void site() {
        state = temp.resolve("state");
        ok("keys", "init", "--site", "web", "--domain", "web.example", "--backup", "ec:p256", "--backup", "ec:p384",
                "--simulated-clock");
    }

    @Test
    void showPrintsTheReportOnlyHeaderWithEveryKeyPinAsOpensslComputesIt() throws Exception {
        ok("plan", "init", "--site", "web", "--at", START.toString(), "--report-uri", "https://r.example/pkp");
        JsonNode show = JSON.readTree(ok("plan", "show", "--site", "web", "--at", START.toString(), "--json"));
        assertThat(show.get("recordedAsServed").asBoolean()).isFalse();
        JsonNode header = show.get("headers").get(0);
        assertThat(header.get("name").asText()).isEqualTo("Public-Key-Pins-Report-Only");
        List<String> opensslPins = new ArrayList<>();
        try (var keys = Files.list(state.resolve("sites/web/keys"))) {
            for (Path key : keys.toList()) {
                opensslPins.add(Processes.opensslPin(key.resolve("public.pem"), "public"));
            }
        }
        assertThat(opensslPins).hasSize(4);
        for (String pin : opensslPins) {
            assertThat(header.get("value").asText()).contains("pin-sha256=\"" + pin + "\"");
        }
        assertThat(header.get("value").asText()).contains("report-uri=\"https://r.example/pkp\"");
        assertThat(header.get("nginx").asText()).startsWith("add_header Public-Key-Pins-Report-Only '");
        // the ramp: report-only now, then each max-age after the previous one's whole max-age
        JsonNode upcoming = show.get("upcoming");
        assertThat(upcoming.get(1).get("at").asText()).isEqualTo(START.plus(Duration.ofDays(7)).toString());
        assertThat(upcoming.get(1).get("maxAge").asLong()).isEqualTo(300);
        assertThat(upcoming.get(2).get("at").asText()).isEqualTo(START.plus(Duration.ofDays(7)).plusSeconds(300).toString());
        // both backups are EC here (to keep the test fast): the policy says to keep one RSA
        assertThat(show.get("warnings").toString()).contains("every backup key uses EC");
    }

    @Test
    void initRefusesAReportUriAServerCannotSendAndWritesNothing() {
        Map<String, String> files = FileSnapshot.of(state);
        Result refused = run("plan", "init", "--site", "web", "--at", START.toString(), "--report-uri",
                "https://r.example/$site%2Fpkp");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().lines()).singleElement().asString().contains("--report-uri").contains("nginx")
                .contains("'$'");
        assertThat(FileSnapshot.of(state)).isEqualTo(files);
    }

    @Test
    void showSaysWhichServerCannotSendTheHeaderInsteadOfFailing() throws Exception {
        // a plan made before plan init refused such a report-uri: its version file says it
        ok("plan", "init", "--site", "web", "--at", START.toString(), "--report-uri", "https://r.example/Xsite%2Fpkp");
        try (var versions = Files.list(state.resolve("sites/web/plan"))) {
            for (Path version : versions.toList()) {
                Files.writeString(version, Files.readString(version).replace("/Xsite%2Fpkp", "/$site%2Fpkp"));
            }
        }
        String text = ok("plan", "show", "--site", "web", "--at", START.toString());
        assertThat(text.lines().filter(l -> l.startsWith("  nginx:   # cannot be written: header Public-Key-Pins-Report-Only:")
                && l.contains("'$'"))).hasSize(1);
        assertThat(text).contains("  Apache:  Header always set Public-Key-Pins-Report-Only \"")
                .contains("/$site%%2Fpkp\\\"\"\n")
                .contains("  HAProxy: http-after-response set-header Public-Key-Pins-Report-Only \"")
                .contains("lines of pinkeeper header haproxy --site ");
        JsonNode header = JSON.readTree(ok("plan", "show", "--site", "web", "--at", START.toString(), "--json"))
                .get("headers").get(0);
        assertThat(header.get("nginx").isNull()).isTrue();
        assertThat(header.get("unwritable").get("nginx").asText()).contains("'$'");
        assertThat(header.get("haproxy").asText()).endsWith("/\\$site%%2Fpkp\\\"\"");
    }

    @Test
    void walkthroughRecordsEachStepAndRampsOnlyWhenAllowed() throws Exception {
        ok("plan", "init", "--site", "web", "--at", START.toString());
        assertThat(ok("plan", "advance", "--site", "web", "--at", START.toString())).contains("recorded as served");
        Map<String, String> files = FileSnapshot.of(state);
        Result early = run("plan", "ramp", "--site", "web", "--at", START.plus(Duration.ofDays(6)).toString());
        assertThat(early.code()).isEqualTo(1);
        assertThat(early.out()).contains("allowed from: " + START.plus(Duration.ofDays(7)));
        assertThat(FileSnapshot.of(state)).isEqualTo(files);
        rampToTheEnd();
        JsonNode show = JSON.readTree(ok("plan", "show", "--site", "web", "--at", FINAL_STEP.plusSeconds(60).toString(), "--json"));
        assertThat(show.get("stage").get("maxAge").asLong()).isEqualTo(Duration.ofDays(60).getSeconds());
        assertThat(show.get("upcoming")).isEmpty();
        assertThat(show.get("headers").get(0).get("name").asText()).isEqualTo("Public-Key-Pins");
        assertThat(show.get("recordedAsServed").asBoolean()).isTrue();
        // the next key was pinned in every header ever served: its rollover is safe, and keys list says since when
        JsonNode next = keyWithRole(show, "next");
        assertThat(next.get("safeNow").asBoolean()).isTrue();
        assertThat(next.get("publishedSince").asText()).isEqualTo(START.toString());
        JsonNode list = JSON.readTree(ok("keys", "list", "--site", "web", "--json"));
        JsonNode listed = keyWithRole(list.get("sites").get(0), "next");
        assertThat(listed.get("publishedSince").asText()).isEqualTo(START.toString());
        assertThat(listed.get("safeFrom").asText()).isEqualTo(START.toString());
    }

    @Test
    void smashingMagazine2016IsRefusedANewlyPinnedKeyWaitsForTheLongestCachedMaxAge() throws Exception {
        rampedSite();
        Instant first = FINAL_STEP.plus(Duration.ofDays(1));
        ok("plan", "rollover", "--site", "web", "--at", first.toString());
        // the new next key's pin appears only now: switching to it the same day is Smashing Magazine's mistake
        Map<String, String> files = FileSnapshot.of(state);
        Instant again = first.plus(Duration.ofHours(1));
        Result refused = run("plan", "rollover", "--site", "web", "--at", again.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).contains("not safe until").contains("To do it anyway use --force-unsafe-rollover.");
        // the 60-day header lacking the pin was served until the first rollover: its last second plus 60 days, plus 1 day
        Instant safe = first.minusSeconds(1).plus(Duration.ofDays(60)).plus(Duration.ofDays(1));
        assertThat(refused.out()).contains("allowed from: " + safe);
        assertThat(FileSnapshot.of(state)).isEqualTo(files);
        JsonNode list = JSON.readTree(ok("keys", "list", "--site", "web", "--json"));
        assertThat(keyWithRole(list.get("sites").get(0), "next").get("safeFrom").asText()).isEqualTo(safe.toString());
        assertThat(run("plan", "rollover", "--site", "web", "--at", safe.minusSeconds(1).toString()).code()).isEqualTo(1);
        assertThat(run("plan", "rollover", "--site", "web", "--at", safe.toString()).code()).isZero();
    }

    @Test
    void theOverrideDoesItAnywayAndTheSimulatorThenFindsTheLockoutThePlanRefused() throws Exception {
        rampedSite();
        Instant first = FINAL_STEP.plus(Duration.ofDays(1));
        ok("plan", "rollover", "--site", "web", "--at", first.toString());
        Path safeHistory = temp.resolve("safe.json");
        Files.writeString(safeHistory, ok("plan", "history", "--site", "web"));
        assertThat(Cli.run("simulate", safeHistory.toString()).code()).isZero();
        Result forced = run("plan", "rollover", "--site", "web", "--at", first.plus(Duration.ofHours(1)).toString(),
                "--force-unsafe-rollover");
        assertThat(forced.code()).isZero();
        assertThat(forced.err()).contains("warning");
        Path history = temp.resolve("forced.json");
        Files.writeString(history, ok("plan", "history", "--site", "web"));
        Result simulated = Cli.run("simulate", history.toString());
        assertThat(simulated.code()).as(simulated.out()).isEqualTo(1);
    }

    @Test
    void intermediateOnlyPinIsRefusedCaPinsNeedTheFlagAndTwoCas() throws Exception {
        Map<String, String> files = FileSnapshot.of(state);
        // Let's Encrypt's R10 and R11 intermediates: one CA
        String r10 = pinOfBundled("r10.pem");
        String r11 = pinOfBundled("r11.pem");
        Result withoutFlag = run("plan", "init", "--site", "web", "--ca-pin", r10);
        assertThat(withoutFlag.code()).isEqualTo(2);
        assertThat(withoutFlag.err()).contains("--allow-ca-pins");
        Result oneCa = run("plan", "init", "--site", "web", "--allow-ca-pins", "--ca-pin", r10, "--ca-pin", r11);
        assertThat(oneCa.code()).isEqualTo(1);
        assertThat(oneCa.out()).contains("at least two CAs");
        assertThat(oneCa.err()).contains("shared by all of that CA's customers");
        assertThat(FileSnapshot.of(state)).isEqualTo(files);
        // two CAs: accepted with the warning, and the site's own keys stay pinned beside them
        String otherCa = Processes.ok(temp, "printf 'another CA key' | openssl dgst -sha256 -binary | base64").strip();
        ok("plan", "init", "--site", "web", "--allow-ca-pins", "--ca-pin", r10, "--ca-pin", "Other CA=" + otherCa,
                "--at", START.toString());
        JsonNode show = JSON.readTree(ok("plan", "show", "--site", "web", "--at", START.toString(), "--json"));
        assertThat(show.get("headers").get(0).get("value").asText()).contains(r10);
        assertThat(show.get("warnings").toString()).contains("CA pins");
    }

    @Test
    void lostKeyNoBackupIsRefusedAReplacementBackupIsNoBackupUntilItsPinIsPublished() throws Exception {
        rampedSite();
        Instant lost = FINAL_STEP.plus(Duration.ofDays(3));
        Result emergency = run("plan", "emergency", "--site", "web", "--backup", "backup-1", "--at", lost.toString());
        assertThat(emergency.code()).as(emergency.err()).isZero();
        assertThat(emergency.out()).contains("pinkeeper keys backup export --site web --key ");
        JsonNode list = JSON.readTree(ok("keys", "list", "--site", "web", "--json"));
        List<String> backups = new ArrayList<>();
        list.get("sites").get(0).get("keys").forEach(k -> {
            if (k.get("role").asText().equals("backup")) {
                backups.add(k.get("id").asText());
            }
        });
        assertThat(backups).hasSize(2);
        String replacement = backups.get(1);
        assertThat(emergency.out()).contains("--key " + replacement);
        // the promoted key is lost too, and only the replacement backup is left to promote: its pin is new
        Map<String, String> files = FileSnapshot.of(state);
        Result refused = run("plan", "emergency", "--site", "web", "--backup", replacement,
                "--at", lost.plus(Duration.ofDays(1)).toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).contains("emergency promotion to").contains("not safe until")
                .contains("To do it anyway use --force-unsafe-rollover.");
        assertThat(FileSnapshot.of(state)).isEqualTo(files);
        // the other original backup was pinned all along: it is allowed
        assertThat(run("plan", "emergency", "--site", "web", "--backup", backups.get(0),
                "--at", lost.plus(Duration.ofDays(1)).toString()).code()).isZero();
    }

    @Test
    void aNewCurrentKeyIsHeldBackUntilItsPinIsInEveryCachedHeader() throws Exception {
        rampedSite();
        ok("keys", "add-current", "--site", "web", "--algorithm", "ec:p256");
        Instant added = FINAL_STEP.plus(Duration.ofDays(2));
        JsonNode show = JSON.readTree(ok("plan", "show", "--site", "web", "--at", added.toString(), "--json"));
        assertThat(show.get("recordedAsServed").asBoolean()).isFalse();
        assertThat(show.get("certificates")).hasSize(1);
        ok("plan", "advance", "--site", "web", "--at", added.toString());
        // the new pins are published from now; the 60-day header without them was served until now
        Instant safe = added.minusSeconds(1).plus(Duration.ofDays(61));
        JsonNode early = JSON.readTree(ok("plan", "show", "--site", "web", "--at", safe.minusSeconds(1).toString(), "--json"));
        assertThat(early.get("recordedAsServed").asBoolean()).isTrue();
        assertThat(early.get("certificates")).hasSize(1);
        JsonNode later = JSON.readTree(ok("plan", "show", "--site", "web", "--at", safe.toString(), "--json"));
        assertThat(later.get("certificates")).hasSize(2);
        assertThat(later.get("recordedAsServed").asBoolean()).isFalse();
        ok("plan", "advance", "--site", "web", "--at", safe.toString());
        Path history = temp.resolve("history.json");
        Files.writeString(history, ok("plan", "history", "--site", "web"));
        assertThat(Cli.run("simulate", history.toString()).code()).isZero();
    }

    @Test
    void errorsAreOneLineExitTwo() {
        Result noPlan = run("plan", "show", "--site", "web");
        assertThat(noPlan.code()).isEqualTo(2);
        assertThat(noPlan.errLines()).hasSize(1);
        assertThat(noPlan.err()).contains("plan init --site web");
        ok("plan", "init", "--site", "web", "--at", START.toString());
        Result nothingServed = run("plan", "rollover", "--site", "web", "--at", START.plusSeconds(5).toString());
        assertThat(nothingServed.code()).isEqualTo(2);
        assertThat(nothingServed.err()).contains("plan advance");
        ok("plan", "advance", "--site", "web", "--at", START.plusSeconds(10).toString());
        Result back = run("plan", "advance", "--site", "web", "--at", START.toString());
        assertThat(back.code()).isEqualTo(2);
        assertThat(back.err()).contains("never rewritten");
        assertThat(run("plan", "init", "--site", "web").code()).isEqualTo(2);
        assertThat(run("plan", "show", "--site", "nosuch").code()).isEqualTo(2);
    }

    /** A plan served from START, then each ramp step at the first second it is allowed, up to 60 days. */
    private void rampedSite() {
        ok("plan", "init", "--site", "web", "--at", START.toString());
        ok("plan", "advance", "--site", "web", "--at", START.toString());
        rampToTheEnd();
    }

    /** Each ramp step at the first second it is allowed: 300 s, 1 day, 7 days, 30 days, 60 days. */
    private void rampToTheEnd() {
        Instant at = START.plus(Duration.ofDays(7));
        for (Duration previous : List.of(Duration.ofSeconds(300), Duration.ofDays(1), Duration.ofDays(7),
                Duration.ofDays(30), Duration.ZERO)) {
            ok("plan", "ramp", "--site", "web", "--at", at.toString());
            at = at.plus(previous);
        }
    }

    private static JsonNode keyWithRole(JsonNode site, String role) {
        for (JsonNode key : site.get("keys")) {
            if (key.get("role").asText().equals(role)) {
                return key;
            }
        }
        throw new AssertionError("no " + role + " key in " + site);
    }

    private static String pinOfBundled(String file) throws Exception {
        Path pem = Path.of("src/main/resources/dev/pinkeeper/catalogue/letsencrypt", file);
        return Processes.ok(pem.toAbsolutePath().getParent(), "openssl x509 -in " + file
                + " -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha256 -binary | base64").strip();
    }

    @Test
    void aReportUriNoUserAgentWouldTakeIsRefusedAtInitAndNoPlanIsWritten() throws Exception {
        for (String uri : new String[] {"/pkp-reports", "https://reports example/pkp", "https://r.example/{site}"}) {
            Result bad = run("plan", "init", "--site", "web", "--report-uri", uri);
            assertThat(bad.code()).as(uri).isEqualTo(2);
            assertThat(bad.errLines()).as(uri).hasSize(1);
            assertThat(bad.err()).as(uri).contains("report-uri").doesNotContain("Exception");
            assertThat(run("plan", "show", "--site", "web").code()).as("no plan after " + uri).isEqualTo(2);
        }
        ok("plan", "init", "--site", "web", "--at", START.toString(), "--report-uri", "https://reports.example/pkp?site=web%2Feu");
        assertThat(ok("plan", "show", "--site", "web", "--at", START.toString()))
                .contains("report-uri=\"https://reports.example/pkp?site=web%2Feu\"");
    }

    @Test
    void theKeyLifetimeIsSetAtInitShownAndCanBeNone() throws Exception {
        Result bad = run("plan", "init", "--site", "web", "--key-lifetime", "a year");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.errLines()).hasSize(1);
        assertThat(bad.err()).startsWith("pinkeeper: --key-lifetime:");

        ok("plan", "init", "--site", "web", "--at", START.toString(), "--key-lifetime", "90d");
        ok("plan", "advance", "--site", "web", "--at", START.toString());
        JsonNode show = JSON.readTree(ok("plan", "show", "--site", "web", "--at", START.plusSeconds(60).toString(), "--json"));
        assertThat(show.get("keyLifetimeSeconds").asLong()).isEqualTo(90L * 86400);
        JsonNode rotation = show.get("rotations").get(0);
        assertThat(rotation.get("dueAt").asText()).isEqualTo(START.plus(Duration.ofDays(90)).toString());
        assertThat(rotation.get("due").asBoolean()).isFalse();
        assertThat(ok("plan", "show", "--site", "web", "--at", START.plusSeconds(60).toString()))
                .contains("Automatic rollover by pinkeeper renew: after a key lifetime of 90 days");

        ok("keys", "init", "--site", "fixed", "--domain", "fixed.example", "--backup", "ec:p256", "--backup", "ec:p384",
                "--simulated-clock");
        ok("plan", "init", "--site", "fixed", "--at", START.toString(), "--key-lifetime", "none");
        assertThat(ok("plan", "show", "--site", "fixed", "--at", START.toString()))
                .contains("Automatic rollover by pinkeeper renew: never");
        assertThat(JSON.readTree(ok("plan", "show", "--site", "fixed", "--at", START.toString(), "--json"))
                .get("keyLifetimeSeconds").isNull()).isTrue();
    }

    @Test
    void aKeyLifetimeOrRampBeyondACenturyIsABadOptionNotAPlanNoViewCanShow() throws Exception {
        for (String[] option : List.of(new String[] {"--key-lifetime", "999999999999999999"},
                new String[] {"--ramp", "300,999999999999999999"}, new String[] {"--report-only-days", "2000000000"})) {
            Result bad = run("plan", "init", "--site", "web", "--at", START.toString(), option[0], option[1]);
            assertThat(bad.code()).as(option[0]).isEqualTo(2);
            assertThat(bad.errLines()).as(option[0]).hasSize(1);
            assertThat(bad.err()).as(option[0]).contains("100 years").doesNotContain("Exception");
            assertThat(run("plan", "show", "--site", "web").code()).as("no plan after " + option[0]).isEqualTo(2);
        }
        ok("plan", "init", "--site", "web", "--at", START.toString(), "--key-lifetime", "36525d");
        ok("plan", "advance", "--site", "web", "--at", START.toString());
        assertThat(ok("plan", "show", "--site", "web", "--at", START.plusSeconds(60).toString()))
                .contains("Automatic rollover by pinkeeper renew: after a key lifetime of 100 years");
    }

    private Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--state");
        all.add(state.toString());
        return Cli.run(all.toArray(new String[0]));
    }

    private String ok(String... args) {
        Result result = run(args);
        assertThat(result.code()).as(String.join(" ", args) + ": " + result.err() + result.out()).isZero();
        return result.out();
    }
}
