package dev.pinkeeper.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FileSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pinkeeper status} on sites made by the command line without a server: what a new site lacks, every
 * site when none is named, the exit codes, and that it changes nothing.
 */
class StatusCommandTest {
    @TempDir
    Path state;

    @Test
    void aNewSiteNeedsAPlanACertificateAndItsBackupsOfflineAndStatusChangesNothing() {
        ok("keys", "init", "--site", "a", "--domain", "a.example", "--backup", "ec:p256,ec:p384", "--simulated-clock");
        ok("keys", "init", "--site", "b", "--domain", "b.example", "--backup", "ec:p256,ec:p384", "--simulated-clock");
        ok("plan", "init", "--site", "b", "--at", "2027-01-01T00:00:00Z");
        Map<String, String> before = FileSnapshot.of(state);
        Cli.Result all = Cli.runWithState(state, "status", "--json", "--at", "2027-01-01T00:01:00Z");
        assertThat(all.code()).as(all.out() + all.err()).isEqualTo(1);
        JsonNode sites = all.json().get("sites");
        assertThat(sites).hasSize(2);
        assertThat(all.json().get("needsOperator").asBoolean()).isTrue();
        assertThat(kinds(sites.get(0))).containsExactly("backup-online", "backup-online", "no-plan", "certificate");
        assertThat(sites.get(0).get("plan").isNull()).isTrue();
        assertThat(sites.get(0).get("deployment").isNull()).isTrue();
        assertThat(kinds(sites.get(1))).containsExactly("backup-online", "backup-online", "not-deployed", "certificate",
                "advice");
        assertThat(sites.get(1).at("/plan/stage/served").asBoolean()).isFalse();
        assertThat(sites.get(1).at("/plan/headersToServe/0/name").asText()).isEqualTo("Public-Key-Pins-Report-Only");
        assertThat(sites.get(1).at("/certificates/0/notAfter").isNull()).isTrue();

        Cli.Result text = Cli.runWithState(state, "status", "--site", "b", "--at", "2027-01-01T00:01:00Z");
        assertThat(text.code()).isEqualTo(1);
        assertThat(text.out()).startsWith("Site b (b.example) at 2027-01-01T00:01:00Z: NEEDS ATTENTION\n")
                .doesNotContain("Site a ").contains("    ! current key ").contains("(pinkeeper renew, or pinkeeper issue --site b)")
                .contains("to serve (not deployed yet):").contains("Deployment: none yet");
        assertThat(FileSnapshot.of(state)).isEqualTo(before);

        Cli.usageErrorChangingNothing(state, "--site", "status", "--site", "c");
        Cli.usageErrorChangingNothing(state, "--at", "status", "--at", "yesterday-ish");
    }

    private static List<String> kinds(JsonNode site) {
        List<String> kinds = new ArrayList<>();
        site.get("warnings").forEach(w -> kinds.add(w.get("kind").asText()));
        return kinds;
    }

    private void ok(String... args) {
        Cli.Result result = Cli.runWithState(state, args);
        assertThat(result.code()).as(result.out() + result.err()).isZero();
    }
}
