package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.testing.Cli;

/** {@code plan ramp --dry-run --json} lists the headers of the step it would record, as the real ramp does. */
class PlanRampDryRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aDryRampListsTheHeadersOfTheNewStep() throws Exception {
        Path state = dir.resolve("state");
        ok(Cli.runWithState(state, "keys", "init", "--simulated-clock", "--site", "r", "--domain", "r.pinkeeper.test",
                "--current", "ec:p256", "--backup", "ec:p256,ec:p384"));
        ok(Cli.runWithState(state, "plan", "init", "--site", "r", "--at", START.toString()));
        ok(Cli.runWithState(state, "plan", "advance", "--site", "r", "--at", START.toString()));
        String week = START.plus(Duration.ofDays(7)).toString();
        JsonNode dry = JSON.readTree(ok(Cli.runWithState(state, "plan", "ramp", "--site", "r", "--at", week, "--json",
                "--dry-run")).out());
        JsonNode real = JSON.readTree(ok(Cli.runWithState(state, "plan", "ramp", "--site", "r", "--at", week,
                "--json")).out());
        assertThat(real.path("headers")).isNotEmpty()
                .allSatisfy(header -> assertThat(header.asText()).startsWith("Public-Key-Pins: "));
        assertThat(dry.path("headers")).isEqualTo(real.path("headers"));
        assertThat(dry.path("version")).isEqualTo(real.path("version"));
    }

    private static Cli.Result ok(Cli.Result result) {
        assertThat(result.code()).as(result.out() + result.err()).isZero();
        return result;
    }
}
