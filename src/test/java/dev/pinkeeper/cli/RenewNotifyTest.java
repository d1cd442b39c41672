package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinkeeper.rehearse.FreePorts;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.Pebble;
import dev.pinkeeper.testing.RecordingScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
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
    static LocalPebble pebble;
    static Path state;
    static RecordingScript script;

    @BeforeAll
    static void start() throws Exception {
        pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next());
        state = dir.resolve("state");
        script = RecordingScript.create(dir.resolve("bin"), "notify", 0, "");
        Cli.Result init = cli("keys", "init", "--site", "shop", "--domain", "shop.pinkeeper.test", "--simulated-clock",
                "--current", "ec:p256", "--backup", "rsa:2048,ec:p256");
        assertThat(init.code()).as(init.err()).isZero();
        List<String> issue = new ArrayList<>(List.of("issue", "--site", "shop", "--target", "none"));
        issue.addAll(Pebble.issueOptions(pebble, pebble.writeRoot(dir.resolve("root.pem")), dir.resolve("www")));
        Cli.Result issued = cli(issue.toArray(String[]::new));
        assertThat(issued.code()).as(issued.err()).isZero();
    }

    @AfterAll
    static void stop() {
        if (pebble != null) {
            pebble.close();
        }
    }

    @Test
    @Order(1)
    void nothingIsSentWhileEverySiteIsFine() {
        Cli.Result renew = cli("renew", "--notify-command", script.path().toString());
        assertThat(renew.code()).as(renew.err()).isZero();
        assertThat(script.runs()).isEmpty();
    }

    @Test
    @Order(2)
    void aBadThresholdIsRefusedBeforeAnything() {
        Map<String, String> before = FileSnapshot.of(state);
        Cli.Result refused = cli("renew", "--notify-command", script.path().toString(), "--notify-after", "soon");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.errLines()).singleElement().asString().contains("--notify-after");
        assertThat(FileSnapshot.of(state)).isEqualTo(before);
        assertThat(script.runs()).isEmpty();
    }

    @Test
    @Order(3)
    void aFailedRenewalSendsTheSummaryWithItsAlert() throws Exception {
        pebble.close();
        pebble = null;
        try (var certs = Files.list(state.resolve("sites").resolve("shop").resolve("certs"))) {
            for (Path cert : certs.toList()) {
                Files.delete(cert); // a current key without a certificate: due at once, and the CA is gone
            }
        }
        Cli.Result renew = cli("renew", "--notify-command", script.path() + " --from renew");
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

    private static Cli.Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--state=" + state);
        return Cli.run(all.toArray(String[]::new));
    }
}
