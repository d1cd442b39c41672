package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.RecordingScript;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code renew --notify-command}: a real script records what it gets. Nothing is sent while every site is fine;
 * a site whose renewal fails sends renew's JSON summary with the alert on the script's stdin.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RenewNotifyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    @AutoClose
    static IssuedSite site;
    static RecordingScript script;

    @BeforeAll
    static void start() throws Exception {
        site = IssuedSite.start(dir, "shop", "shop.pinkeeper.test");
        script = RecordingScript.create(dir.resolve("bin"), "notify", 0, "");
    }


    @Test
    @Order(1)
    void nothingIsSentWhileEverySiteIsFine() {
        Cli.Result renew = site.cli("renew", "--notify-command", script.path().toString());
        assertThat(renew.code()).as(renew.err()).isZero();
        assertThat(script.runs()).isEmpty();
    }

    @Test
    @Order(2)
    void aBadThresholdIsRefusedBeforeAnything() {
        Map<String, String> before = FileSnapshot.of(site.state);
        Cli.Result refused = site.cli("renew", "--notify-command", script.path().toString(), "--notify-after", "soon");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.errLines()).singleElement().asString().contains("--notify-after");
        assertThat(FileSnapshot.of(site.state)).isEqualTo(before);
        assertThat(script.runs()).isEmpty();
    }

    @Test
    @Order(3)
    void aFailedRenewalSendsTheSummaryWithItsAlert() throws Exception {
        site.stopCa();
        site.forgetCertificates();
        Cli.Result renew = site.cli("renew", "--notify-command", script.path() + " --from renew");
        assertThat(renew.code()).isEqualTo(1);
        assertThat(renew.err()).contains("hook: notify command ran: 1 alert");
        assertThat(script.runs()).hasSize(1);
        RecordingScript.Run run = script.runs().get(0);
        assertThat(run.arguments()).containsExactly("--from", "renew");
        assertThat(run.environment()).containsEntry("PINKEEPER_EVENT", "renew");
        JsonNode summary = JSON.readTree(run.stdin());
        assertThat(summary.get("event").asText()).isEqualTo("renew");
        assertThat(summary.at("/alerts/0/site").asText()).isEqualTo("shop");
        assertThat(summary.at("/alerts/0/kind").asText()).isEqualTo("failed");
        assertThat(summary.at("/alerts/0/message").asText()).isEqualTo(summary.at("/sites/0/message").asText());
        assertThat(summary.at("/sites/0/outcome").asText()).isEqualTo("failed");
        assertThat(summary.at("/counts/failed").asInt()).isEqualTo(1);
    }
}
