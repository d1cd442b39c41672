package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.Cli.Result;

/**
 * The {@code --at} of a command that changes state never leaves a plan stuck: on a site on the
 * machine's clock it may be at most a few minutes ahead; a plan change is never recorded before the
 * plan's last recorded change;
 * a site made with {@code keys init --simulated-clock} (rehearsals, tests) takes any time a plan can
 * record; no site takes a time outside the years a plan records. A refused time writes nothing.
 */
class ChangeTimeTest {
    static final String FAR = "2207-01-17T00:00:00Z";
    static final String BEYOND = "+999999999-12-31T23:59:59Z";

    @TempDir
    Path temp;
    Path state;

    @BeforeEach
    void sites() {
        state = temp.resolve("state");
        for (String site : new String[] {"real", "rehearsal"}) {
            Result init = site.equals("real")
                    ? cli("keys", "init", "--site", site, "--domain", site + ".example", "--backup", "ec:p256,ec:p384")
                    : cli("keys", "init", "--site", site, "--domain", site + ".example", "--backup", "ec:p256,ec:p384",
                            "--simulated-clock");
            assertThat(init.code()).as(init.err()).isZero();
            assertThat(cli("plan", "init", "--site", site).code()).isZero();
            assertThat(cli("plan", "advance", "--site", site).code()).isZero();
        }
    }

    @Test
    void aRealSiteRefusesATimeFarAheadAndKeepsWorkingWithoutOne() {
        refusedUnchanged("plan", "ramp", "--site", "real", "--at", FAR);
        refusedUnchanged("plan", "advance", "--site", "real", "--at", FAR);
        refusedUnchanged("plan", "rollover", "--site", "real", "--at", FAR);
        refusedUnchanged("plan", "emergency", "--site", "real", "--backup", "backup-1", "--at", FAR);
        refusedUnchanged("renew", "--site", "real", "--at", FAR);
        refusedUnchanged("deploy", "--site", "real", "--at", FAR);
        refusedUnchanged("issue", "--site", "real", "--at", FAR);
        // the plan is not stuck: a command without --at is judged on the plan's own terms (not due yet)
        Result ramp = cli("plan", "ramp", "--site", "real");
        assertThat(ramp.code()).as(ramp.out() + ramp.err()).isEqualTo(1);
        assertThat(ramp.out()).contains("allowed from");
    }

    @Test
    void aPlanChangeTakesATimeAFewMinutesAheadButNotBeforeTheLastChange() {
        Instant soon = Instant.now().plus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.SECONDS);
        assertThat(cli("plan", "advance", "--site", "real", "--at", soon.toString()).code()).isZero();
        refusedUnchanged("plan", "advance", "--site", "real", "--at", soon.minus(Duration.ofDays(1)).toString());
        refusedUnchanged("plan", "ramp", "--site", "rehearsal", "--at", soon.minus(Duration.ofDays(1)).toString());
    }

    @Test
    void aSimulatedSiteTakesAnyTimeAPlanRecordsButNotBeyond() {
        refusedUnchanged("plan", "ramp", "--site", "rehearsal", "--at", BEYOND);
        refusedUnchanged("plan", "advance", "--site", "rehearsal", "--at", BEYOND);
        refusedUnchanged("renew", "--site", "rehearsal", "--at", BEYOND);
        refusedUnchanged("plan", "ramp", "--site", "real", "--at", BEYOND);
        Result ramp = cli("plan", "ramp", "--site", "rehearsal", "--at", FAR);
        assertThat(ramp.code()).as(ramp.out() + ramp.err()).isZero();
        Result show = cli("plan", "show", "--site", "rehearsal", "--at", FAR, "--json");
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.json().get("recordedAsServed").asBoolean()).isTrue();
    }

    @Test
    void renewChecksEverySiteBeforeItRenewsAny() {
        refusedUnchanged("renew", "--all", "--at", FAR);
    }

    private void refusedUnchanged(String... args) {
        Cli.usageErrorChangingNothing(state, "--at", args);
    }

    private Result cli(String... args) {
        return Cli.runWithState(state, args);
    }
}
