package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pinkeeper.pin.TestPins;
import dev.pinkeeper.testing.Cli;

/** {@code pinkeeper header parse}: exit codes, JSON contract, text output. */
class HeaderParseCommandTest {
    private static final String A = TestPins.b64(1);
    private static final String B = TestPins.b64(2);
    private static final String C = TestPins.b64(3);
    private static final String VALUE = "pin-sha256=\"" + A + "\"; pin-sha256=\"" + B + "\"; max-age=10000000";

    @Test
    void jsonHasExactlyTheContractFields() {
        Cli.Result run = Cli.run("header", "parse", "--ua", "chrome", "--json", VALUE);
        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode json = run.json();
        List<String> fields = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("valid", "error", "maxAge", "effectiveMaxAge", "includeSubDomains",
                "reportUri", "pins", "noted");
        assertThat(json.get("valid").asBoolean()).isTrue();
        assertThat(json.get("error").isNull()).isTrue();
        assertThat(json.get("maxAge").asLong()).isEqualTo(10_000_000L);
        assertThat(json.get("effectiveMaxAge").asLong()).isEqualTo(5_184_000L);
        assertThat(json.get("includeSubDomains").asBoolean()).isFalse();
        assertThat(json.get("reportUri").isNull()).isTrue();
        assertThat(json.get("pins")).extracting(JsonNode::asText).containsExactly(A, B);
        assertThat(json.get("noted").isNull()).isTrue();
    }

    @Test
    void rfcIsTheDefaultAndHasNoSixtyDayCap() {
        JsonNode json = Cli.run("header", "parse", "--json", VALUE).json();
        assertThat(json.get("effectiveMaxAge").asLong()).isEqualTo(10_000_000L);
    }

    @Test
    void invalidHeaderExitsOneWithTheReason() {
        Cli.Result run = Cli.run("header", "parse", "--ua", "firefox", "--json", VALUE + "; max-age=1");
        assertThat(run.code()).isEqualTo(1);
        JsonNode json = run.json();
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("error").asText()).contains("max-age appears more than once");
        assertThat(json.get("pins")).isEmpty();
    }

    @Test
    void chainPinsDecideNoted() {
        Cli.Result noted = Cli.run("header", "parse", "--ua", "chrome", "--chain-pin", A, "--chain-pin", "sha256/" + C, "--json", VALUE);
        assertThat(noted.code()).isZero();
        assertThat(noted.json().get("noted").asBoolean()).isTrue();

        Cli.Result notNoted = Cli.run("header", "parse", "--ua", "chrome", "--chain-pin", A, "--chain-pin", B, "--json", VALUE);
        assertThat(notNoted.code()).isEqualTo(1);
        assertThat(notNoted.json().get("valid").asBoolean()).isTrue();
        assertThat(notNoted.json().get("noted").asBoolean()).isFalse();
    }

    @Test
    void invalidHeaderWithChainPinsIsNotNoted() {
        Cli.Result run = Cli.run("header", "parse", "--chain-pin", A, "--json", "max-age=x");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.json().get("noted").asBoolean()).isFalse();
    }

    @Test
    void reportOnlyWithoutMaxAge() {
        String value = "pin-sha256=\"" + A + "\"; pin-sha256=\"" + B + "\"; report-uri=\"https://r.example/\"";
        JsonNode chrome = Cli.run("header", "parse", "--ua", "chrome", "--report-only", "--json", value).json();
        assertThat(chrome.get("valid").asBoolean()).isTrue();
        assertThat(chrome.get("maxAge").isNull()).isTrue();
        assertThat(chrome.get("reportUri").asText()).isEqualTo("https://r.example/");
        Cli.Result firefox = Cli.run("header", "parse", "--ua", "firefox", "--report-only", "--json", value);
        assertThat(firefox.code()).isEqualTo(1);
        assertThat(firefox.json().get("error").asText()).contains("Report-Only");
        Cli.Result enforcing = Cli.run("header", "parse", "--ua", "chrome", value);
        assertThat(enforcing.code()).isEqualTo(1);
        assertThat(enforcing.out()).contains("INVALID").contains("max-age is missing");
    }

    @Test
    void textSummaryShowsTheCapAndTheRemoval() {
        Cli.Result run = Cli.run("header", "parse", "--ua", "firefox", VALUE);
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("valid").contains("10000000 s as written, 5184000 s after the cap")
                .contains("pin-sha256=\"" + A + "\"");
        Cli.Result removal = Cli.run("header", "parse", "--ua", "firefox", "--chain-pin", C,
                "pin-sha256=\"" + A + "\"; max-age=0");
        assertThat(removal.code()).isZero();
        assertThat(removal.out()).contains("noted: yes, as a removal");
    }

    @Test
    void badUsageExitsTwoWithOneLine() {
        for (String[] args : List.of(new String[] {"header", "parse", "--ua", "opera", VALUE},
                new String[] {"header", "parse", "--chain-pin", "not-a-pin", VALUE},
                new String[] {"header", "parse"},
                new String[] {"header"})) {
            Cli.Result run = Cli.run(args);
            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).isNotBlank().doesNotContain("Exception");
        }
        Cli.Result badUa = Cli.run("header", "parse", "--ua", "opera", VALUE);
        assertThat(badUa.err().lines().findFirst().orElseThrow()).contains("opera");
    }
}
