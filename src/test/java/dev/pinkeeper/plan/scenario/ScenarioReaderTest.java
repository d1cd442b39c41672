package dev.pinkeeper.plan.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.pin.UserAgent;
import dev.pinkeeper.plan.ServedPeriod;

class ScenarioReaderTest {
    private static final String PIN_A = Pin.ofSpki(new byte[] {1}).base64();
    private static final String PIN_B = Pin.ofSpki(new byte[] {2}).base64();

    private static Scenario read(String json) throws ScenarioException {
        return new ScenarioReader().read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    @Test
    void readsAliasesDurationsAndBothChainForms() throws Exception {
        Scenario scenario = read("""
                {"name": "s", "expect": "no-lockout", "userAgent": "chrome", "now": "2026-02-01T00:00:00Z",
                 "pins": {"a": "%s"},
                 "hosts": {"Example.COM.": [
                   {"from": "2026-01-01T00:00:00Z", "until": "2026-01-02T00:00:00Z", "note": "x",
                    "headers": [{"reportOnly": true, "maxAge": "P1D", "pins": ["a", "%s"]},
                                {"maxAge": 300, "includeSubDomains": true, "reportUri": "https://r/", "pins": ["a", "%s"]}],
                    "chains": [["a"], {"label": "EC", "pins": ["%s"]}]}
                 ]}}
                """.formatted(PIN_A, PIN_B, PIN_B, PIN_B));

        assertThat(scenario.name()).isEqualTo("s");
        assertThat(scenario.expectLockout()).isFalse();
        assertThat(scenario.userAgent()).isEqualTo(UserAgent.CHROME);
        assertThat(scenario.now()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        ServedPeriod served = scenario.schedule().timeline("example.com").orElseThrow().intervals().get(0);
        assertThat(served.headers().get(0).maxAge()).isEqualTo(86400);
        PkpHeader enforcing = served.enforcing();
        assertThat(enforcing.maxAge()).isEqualTo(300);
        assertThat(enforcing.includeSubDomains()).isTrue();
        assertThat(enforcing.pins()).containsExactly(Pin.parse(PIN_A), Pin.parse(PIN_B));
        assertThat(served.chains().get(1).label()).isEqualTo("EC");
        assertThat(scenario.nameOf(Pin.parse(PIN_A))).isEqualTo("a");
        assertThat(scenario.nameOf(Pin.parse(PIN_B))).isEqualTo(PIN_B);
    }

    @Test
    void readsTheUserAgentAsTheUaOptionDoes() throws Exception {
        assertThat(read("{\"userAgent\": \"Firefox\", \"hosts\": {}}").userAgent()).isEqualTo(UserAgent.FIREFOX);
        assertThatThrownBy(() -> read("{\"userAgent\": \"opera\", \"hosts\": {}}")).isInstanceOf(ScenarioException.class)
                .hasMessage("userAgent: unknown user agent 'opera' (expected rfc, chrome or firefox)");
    }

    @Test
    void errorsNameThePlaceInTheFile() {
        assertThatThrownBy(() -> read("{\"hosts\": {\"a.example\": [{\"from\": \"2026-01-01T00:00:00Z\","
                + " \"chains\": [[\"nope\"]]}]}}"))
                .hasMessageStartingWith("hosts.\"a.example\"[0].chains[0][0]: \"nope\" is neither a pin alias");
        assertThatThrownBy(() -> read("{\"hosts\": {\"a.example\": [{\"from\": \"2026-01-01T00:00:00Z\","
                + " \"headers\": [{\"maxAge\": -1, \"pins\": []}], \"chains\": [[\"" + PIN_A + "\"]]}]}}"))
                .hasMessageStartingWith("hosts.\"a.example\"[0].headers[0].maxAge:");
        assertThatThrownBy(() -> read("{\"hosts\": {}, \"colour\": 1}"))
                .hasMessageStartingWith("colour: unknown field");
        assertThatThrownBy(() -> read("{\"hosts\": {\"a.example\": ["
                + "{\"from\": \"2026-01-02T00:00:00Z\", \"chains\": [[\"" + PIN_A + "\"]]},"
                + "{\"from\": \"2026-01-03T00:00:00Z\", \"chains\": [[\"" + PIN_A + "\"]]}]}}"))
                .hasMessageContaining("overlaps");
        assertThatThrownBy(() -> read("{\"hosts\": "))
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> read("{}"))
                .hasMessageStartingWith("hosts: missing");
    }

    @Test
    void writerOutputReadsBackToTheSameScenario() throws Exception {
        for (String name : ShippedScenarios.NAMES) {
            Scenario shipped = ShippedScenarios.load(name);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ScenarioWriter().write(shipped, out);

            Scenario again = new ScenarioReader().read(new ByteArrayInputStream(out.toByteArray()), "again");

            assertThat(again).isEqualTo(shipped);
        }
    }
}
