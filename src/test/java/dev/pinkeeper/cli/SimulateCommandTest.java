package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pinkeeper.plan.scenario.Scenario;
import dev.pinkeeper.plan.scenario.ShippedScenarios;
import dev.pinkeeper.testing.Cli;

/** {@code pinkeeper simulate}, run in-process ({@link Cli}). */
class SimulateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void smashingMagazineIsALockoutWithTheHeaderAndChainNamed() {
        Cli.Result run = Cli.run("simulate", "scenarios/smashing-magazine-2016.json");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("LOCKOUT 1: clients returning to www.smashing.example from 2016-08-25T00:00:00Z")
                .contains("[new-key, intermediate]")
                .contains("Public-Key-Pins pinning [old-key, old-backup] max-age=31536000")
                .contains("1 lockout window(s)");
    }

    @Test
    void aProperRolloverPassesWithExitZero() {
        Cli.Result run = Cli.run("simulate", "builtin:proper-90-day-rollover");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("no lockout");
    }

    @Test
    void jsonIsOneDocumentWithEveryLockout() throws Exception {
        Cli.Result run = Cli.run("simulate", "--json", "scenarios/subdomain-unpinned-key.json");
        Scenario scenario = ShippedScenarios.load("subdomain-unpinned-key");

        assertThat(run.code()).isEqualTo(1);
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("lockout").asBoolean()).isTrue();
        JsonNode lockout = root.get("lockouts").get(0);
        assertThat(lockout.get("host").asText()).isEqualTo("api.example.org");
        assertThat(lockout.get("until").isNull()).isTrue();
        assertThat(lockout.get("chain").get("pins").get(0).asText()).isEqualTo(scenario.pin("api-key").base64());
        assertThat(lockout.get("header").get("host").asText()).isEqualTo("example.org");
        assertThat(lockout.get("header").get("value").asText()).contains("includeSubDomains")
                .contains(scenario.pin("apex-key").base64());
    }

    @Test
    void safeSwitchSaysWhenAndExitsOneUntilThen() throws Exception {
        Cli.Result early = Cli.run("simulate", "--safe-switch", "k3", "--json", "scenarios/proper-90-day-rollover.json");
        JsonNode answer = JSON.readTree(early.out());

        assertThat(early.code()).isEqualTo(1);
        assertThat(answer.get("safe").asBoolean()).isFalse();
        assertThat(answer.get("pinPublished").asBoolean()).isTrue();
        // the last header without k3 was served until 2025-06-01 with max-age 60 days
        assertThat(answer.get("safeFrom").asText()).isEqualTo("2025-07-30T23:59:59Z");

        Cli.Result later = Cli.run("simulate", "--safe-switch", "k3", "--at", "2025-07-30T23:59:59Z",
                "scenarios/proper-90-day-rollover.json");
        assertThat(later.code()).isZero();
        assertThat(later.out()).startsWith("safe:");
    }

    @Test
    void safeSwitchToAnUnpublishedPinSaysPublishFirst() {
        Cli.Result run = Cli.run("simulate", "--safe-switch", "new-key", "--at", "2016-08-01T00:00:00Z",
                "scenarios/smashing-magazine-2016.json");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("never safe while the header served now lacks its pin")
                .contains("safe from 2017-07-31T23:59:59Z");
    }

    @Test
    void badInputIsOneLineOnStderrAndExitTwo() throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"hosts\": {\"a.example\": [{\"from\": \"yesterday\", \"chains\": []}]}}");

        Cli.Result missing = Cli.run("simulate", dir.resolve("missing.json").toString());
        Cli.Result malformed = Cli.run("simulate", broken.toString());
        Cli.Result badPin = Cli.run("simulate", "--safe-switch", "nokey", "builtin:rsa-ec-one-pinned");
        Cli.Result unknownBuiltin = Cli.run("simulate", "builtin:nope");

        for (Cli.Result run : new Cli.Result[] {missing, malformed, badPin, unknownBuiltin}) {
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().strip().lines()).hasSize(1);
            assertThat(run.err()).doesNotContain("Exception");
        }
        assertThat(missing.err()).contains("missing.json: no such file");
        assertThat(malformed.err()).contains("broken.json: hosts.\"a.example\"[0].from: not an ISO-8601 instant");
        assertThat(badPin.err()).contains("--safe-switch: nokey");
    }
}
