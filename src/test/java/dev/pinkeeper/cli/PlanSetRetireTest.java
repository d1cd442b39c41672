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

import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.plan.LockoutSimulator;
import dev.pinkeeper.plan.SimulationResult;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.Cli.Result;
import dev.pinkeeper.testing.FileSnapshot;

/**
 * {@code plan set} and {@code plan retire} through the command line, on a site whose plan was served and
 * ramped with {@code plan advance} and {@code plan ramp}: each change checked before it is written, recorded
 * as a plan version ({@code plan history --changes}), and a retirement that the lockout simulator proves
 * locks nobody out.
 */
class PlanSetRetireTest {
    static final Instant START = PlanCommandTest.START;
    static final Instant FINAL_STEP = PlanCommandTest.FINAL_STEP;
    static final long SIXTY_DAYS = Duration.ofDays(60).getSeconds();

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
    void setFixesAReportUriNoServerCanSendAndRecordsTheChange() throws Exception {
        // a plan saved before plan init refused such a report-uri: a deployment cannot send it
        ok("plan", "init", "--site", "web", "--at", START.toString(), "--report-uri", "https://r.example/Xsite%2Fpkp");
        try (var versions = Files.list(state.resolve("sites/web/plan"))) {
            for (Path version : versions.toList()) {
                Files.writeString(version, Files.readString(version).replace("/Xsite%2Fpkp", "/$site%2Fpkp"));
            }
        }
        ok("plan", "advance", "--site", "web", "--at", START.toString());
        // the new one is checked as plan init checks it: refused before anything is written
        Cli.usageErrorChangingNothing(state, "--report-uri", "plan", "set", "--site", "web", "--at",
                START.plusSeconds(60).toString(), "--report-uri", "https://r.example/$again");
        String changed = ok("plan", "set", "--site", "web", "--at", START.plusSeconds(60).toString(),
                "--report-uri", "https://r.example/pkp");
        assertThat(changed).contains("report-uri: https://r.example/$site%2Fpkp -> https://r.example/pkp")
                .contains("the headers change");
        JsonNode show = Cli.runWithState(state, "plan", "show", "--site", "web", "--at", START.plusSeconds(61).toString(),
                "--json").json();
        assertThat(show.at("/headers/0/value").asText()).endsWith("report-uri=\"https://r.example/pkp\"");
        assertThat(show.at("/headers/0/nginx").isNull()).isFalse();
        assertThat(show.get("recordedAsServed").asBoolean()).isFalse();
        assertThat(ok("plan", "history", "--site", "web", "--changes").lines().toList()).last().asString()
                .contains(START.plusSeconds(60).toString()).contains("set: report-uri: ").endsWith("-> https://r.example/pkp");
        // and removed again
        ok("plan", "set", "--site", "web", "--at", START.plusSeconds(120).toString(), "--no-report-uri");
        assertThat(Cli.runWithState(state, "plan", "show", "--site", "web", "--at", START.plusSeconds(121).toString(),
                "--json").json().at("/headers/0/value").asText()).doesNotContain("report-uri");
    }

    @Test
    void includeSubdomainsIsRefusedUntilConfirmedTurningItOffSaysHowLongSubdomainsStayPinned() {
        rampedSite();
        Instant at = FINAL_STEP.plus(Duration.ofDays(1));
        Map<String, String> files = FileSnapshot.of(state);
        Result refused = run("plan", "set", "--site", "web", "--at", at.toString(), "--include-subdomains");
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.out()).contains("includeSubDomains pins every subdomain of web.example")
                .contains("--force-unsafe-rollover");
        assertThat(FileSnapshot.of(state)).isEqualTo(files);

        String confirmed = ok("plan", "set", "--site", "web", "--at", at.toString(), "--include-subdomains",
                "--force-unsafe-rollover");
        assertThat(confirmed).contains("includeSubDomains: off -> on").contains("(confirmed)");
        ok("plan", "advance", "--site", "web", "--at", at.plusSeconds(1).toString());
        JsonNode show = Cli.runWithState(state, "plan", "show", "--site", "web", "--at", at.plusSeconds(2).toString(),
                "--json").json();
        assertThat(show.at("/headers/0/value").asText()).contains("max-age=" + SIXTY_DAYS + "; includeSubDomains");

        String off = ok("plan", "set", "--site", "web", "--at", at.plusSeconds(10).toString(), "--no-include-subdomains");
        assertThat(off).contains("includeSubDomains: on -> off")
                .contains("keep pinning the subdomains for up to 60 days");
    }

    @Test
    void aLowerMaxAgeCapIsServedByTheNextDeploymentAndTheRampEndsThere() {
        rampedSite();
        Instant at = FINAL_STEP.plus(Duration.ofDays(1));
        String capped = ok("plan", "set", "--site", "web", "--at", at.toString(), "--max-age-cap", "7d",
                "--key-lifetime", "none");
        assertThat(capped).contains("ramp: 7 days report-only, then 5 minutes, 1 day, 7 days, 30 days, 60 days -> "
                + "7 days report-only, then 5 minutes, 1 day, 7 days").contains("key lifetime: 1 year -> none")
                .contains("lowered to the new cap 7 days");
        JsonNode show = Cli.runWithState(state, "plan", "show", "--site", "web", "--at", at.plusSeconds(1).toString(),
                "--json").json();
        assertThat(show.at("/headers/0/value").asText()).contains("max-age=604800");
        assertThat(show.get("recordedAsServed").asBoolean()).isFalse();
        ok("plan", "advance", "--site", "web", "--at", at.plusSeconds(1).toString());
        show = Cli.runWithState(state, "plan", "show", "--site", "web", "--at", at.plusSeconds(2).toString(), "--json").json();
        assertThat(show.at("/stage/maxAge").asLong()).isEqualTo(604800);
        assertThat(show.get("upcoming")).isEmpty();
        assertThat(show.at("/rotations/0/dueAt").isNull()).isTrue(); // key lifetime none: never by itself
        assertThat(ok("plan", "set", "--site", "web", "--at", at.plusSeconds(3).toString(), "--max-age-cap", "7d"))
                .startsWith("nothing to change");
        Cli.usageErrorChangingNothing(state, "plan set", "plan", "set", "--site", "web");
        Cli.usageErrorChangingNothing(state, "--max-age-cap", "plan", "set", "--site", "web", "--max-age-cap", "0");
        Cli.usageErrorChangingNothing(state, "--ramp", "plan", "set", "--site", "web", "--ramp", "1d,300");
    }

    @Test
    void retireServesMaxAgeZeroKeepsEveryKeyUntilTheLastCachedPinExpiresThenStopsAndNoOneIsLockedOut()
            throws Exception {
        rampedSite();
        Instant retired = FINAL_STEP.plus(Duration.ofDays(2));
        ok("plan", "retire", "--site", "web", "--at", retired.toString());
        Result again = run("plan", "retire", "--site", "web", "--at", retired.plusSeconds(1).toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("retired already");
        // the ramp and rollovers are over
        assertThat(run("plan", "rollover", "--site", "web", "--at", retired.plusSeconds(1).toString()).err())
                .contains("is retired");
        assertThat(run("plan", "set", "--site", "web", "--at", retired.plusSeconds(1).toString(), "--no-report-uri")
                .err()).contains("is retired");

        JsonNode show = Cli.runWithState(state, "plan", "show", "--site", "web", "--at",
                retired.plusSeconds(1).toString(), "--json").json();
        assertThat(show.at("/headers/0/name").asText()).isEqualTo("Public-Key-Pins");
        assertThat(show.at("/headers/0/value").asText()).endsWith("max-age=0");
        assertThat(show.at("/headers")).hasSize(1);
        assertThat(show.at("/retirement/pinsExpireAt").isNull()).isTrue(); // the 60-day header is still served
        assertThat(keysPrune(retired.plusSeconds(1)).code()).isEqualTo(1);

        Instant zeroServed = retired.plus(Duration.ofHours(1));
        ok("plan", "advance", "--site", "web", "--at", zeroServed.toString());
        // the last client that noted the 60-day header at the last second it was served, plus the gate's margin
        Instant expire = zeroServed.minusSeconds(1).plusSeconds(SIXTY_DAYS).plus(Duration.ofDays(1));
        show = Cli.runWithState(state, "plan", "show", "--site", "web", "--at", expire.minusSeconds(1).toString(),
                "--json").json();
        assertThat(show.at("/retirement/pinsExpireAt").asText()).isEqualTo(expire.toString());
        assertThat(show.at("/headers/0/value").asText()).endsWith("max-age=0");
        assertThat(show.get("recordedAsServed").asBoolean()).isTrue();
        Map<String, String> files = FileSnapshot.of(state);
        Result early = keysPrune(expire.minusSeconds(1));
        assertThat(early.code()).isEqualTo(1);
        assertThat(early.out()).contains("clients may still cache its pins until " + expire)
                .contains("allowed from: " + expire);
        Result releases = run("releases", "prune", "--site", "web", "--keep", "1", "--yes", "--at",
                expire.minusSeconds(1).toString());
        assertThat(releases.code()).isEqualTo(1);
        assertThat(FileSnapshot.of(state)).isEqualTo(files);

        show = Cli.runWithState(state, "plan", "show", "--site", "web", "--at", expire.toString(), "--json").json();
        assertThat(show.at("/headers")).isEmpty();
        assertThat(show.get("recordedAsServed").asBoolean()).isFalse();
        assertThat(show.at("/retirement/over").asBoolean()).isTrue();
        ok("plan", "advance", "--site", "web", "--at", expire.toString());
        assertThat(keysPrune(expire).code()).isZero();
        assertThat(run("releases", "prune", "--site", "web", "--keep", "1", "--at", expire.toString()).code()).isZero();

        // the whole recorded history, replayed by the simulator: nobody locked out on the way
        Path history = temp.resolve("history.json");
        Files.writeString(history, ok("plan", "history", "--site", "web"));
        Result simulated = Cli.run("simulate", history.toString());
        assertThat(simulated.code()).as(simulated.out()).isZero();
        PlanService plans = new PlanService(new KeyInventory(StateDirectory.resolve(state)));
        SimulationResult result = new LockoutSimulator().simulate(plans.load("web").history());
        assertThat(result.lockoutFree()).isTrue();
        assertThat(result.headersChecked()).isGreaterThan(0);
        assertThat(ok("plan", "history", "--site", "web", "--changes")).contains("  retire\n");
    }

    @Test
    void aPlanRetiredWhileReportOnlyStopsAtOnce() throws Exception {
        ok("plan", "init", "--site", "web", "--at", START.toString());
        ok("plan", "advance", "--site", "web", "--at", START.toString());
        ok("plan", "retire", "--site", "web", "--at", START.plus(Duration.ofDays(1)).toString());
        JsonNode show = Cli.runWithState(state, "plan", "show", "--site", "web", "--at",
                START.plus(Duration.ofDays(1)).toString(), "--json").json();
        assertThat(show.at("/headers")).isEmpty();
        assertThat(show.at("/retirement/over").asBoolean()).isTrue();
        assertThat(keysPrune(START.plus(Duration.ofDays(1))).code()).isZero();
    }

    private Result keysPrune(Instant at) {
        return run("keys", "prune", "--site", "web", "--retired-before", at.toString(), "--yes", "--at", at.toString());
    }

    /** A plan served from START, then each ramp step at the first second it is allowed, up to 60 days. */
    private void rampedSite() {
        ok("plan", "init", "--site", "web", "--at", START.toString());
        ok("plan", "advance", "--site", "web", "--at", START.toString());
        Instant at = START.plus(Duration.ofDays(7));
        for (Duration previous : List.of(Duration.ofSeconds(300), Duration.ofDays(1), Duration.ofDays(7),
                Duration.ofDays(30), Duration.ZERO)) {
            ok("plan", "ramp", "--site", "web", "--at", at.toString());
            at = at.plus(previous);
        }
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
