package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.rehearse.LocalNginx;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Nginx;
import dev.pinkeeper.testing.Pebble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup keys whose private half is still on the server are named, with the command that takes each
 * offline, by {@code plan show}, {@code verify --site}, every deployment ({@code deploy}, {@code issue},
 * {@code renew}) on stderr and in their {@code --json} documents' {@code warnings}, until every backup is
 * exported offline; {@code issue --emergency} prints the export line of the replacement backup as
 * {@code plan emergency} does. Real pebble and nginx on 127.0.0.1; the printed commands are run as printed.
 */
class OnlineBackupWarningTest {
    private static final String SITE = "vault";
    private static final String HOST = "vault.pinkeeper.test";

    @TempDir
    Path dir;

    @Test
    void everyCommandWarnsUntilEachBackupIsOfflineAndTheEmergencyPrintsTheExportLine() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path state = dir.resolve("state");
        KeyInventory inventory = new KeyInventory(new StateDirectory(state));
        Path passphrase = Files.writeString(dir.resolve("passphrase"), "correct horse battery staple\n");
        try (LocalPebble pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next())) {
            Path root = pebble.writeRoot(dir.resolve("root.pem"));
            ok(cli(state, "keys", "init", "--site", SITE, "--domain", HOST, "--current", "ec:p256",
                    "--backup", "rsa:2048,ec:p256"));
            List<KeyEntry> backups = inventory.load(SITE).backups();
            List<String> issue = new ArrayList<>(List.of("issue", "--site", SITE, "--target", "none",
                    "--at", t0.toString(), "--report-uri", "https://reports.pinkeeper.test/hpkp"));
            issue.addAll(Pebble.issueOptions(pebble, root, dir.resolve("www")));
            Cli.Result issued = cli(state, issue.toArray(String[]::new));
            ok(issued);
            warnsAbout(issued.err(), backups);

            int port = FreePorts.next();
            Path live = state.resolve("sites").resolve(SITE).resolve("deploy").resolve("live");
            try (LocalNginx nginx = LocalNginx.start(dir.resolve("nginx"), Nginx.releaseServer(port, live), port)) {
                List<String> deploy = new ArrayList<>(List.of("deploy", "--site", SITE, "--json",
                        "--at", t0.plusSeconds(60).toString()));
                deploy.addAll(Nginx.targetOptions(nginx.config(), nginx.commandLineOptions()));
                Cli.Result deployed = cli(state, deploy.toArray(String[]::new));
                ok(deployed);
                warnsAbout(deployed.err(), backups);
                assertThat(warnings(deployed.json().get("warnings"))).hasSize(2);

                Cli.Result show = cli(state, "plan", "show", "--site", SITE, "--at", t0.plusSeconds(90).toString());
                ok(show);
                warnsAbout(show.err(), backups);
                assertThat(show.out()).doesNotContain("still on this machine");
                Cli.Result showJson = cli(state, "plan", "show", "--site", SITE, "--json", "--at",
                        t0.plusSeconds(90).toString());
                assertThat(warnings(showJson.json().get("warnings"))).filteredOn(w -> w.contains("still on this machine"))
                        .hasSize(2);
                Cli.Result verified = verify(state, root, port, t0.plusSeconds(90));
                ok(verified);
                warnsAbout(verified.err(), backups);
                assertThat(warnings(verified.json().get("warnings"))).hasSize(2);
                Cli.Result renewed = cli(state, "renew", "--json", "--at", t0.plusSeconds(100).toString());
                ok(renewed);
                assertThat(warnings(renewed.json().at("/sites/0/warnings"))).hasSize(2);

                // the emergency says how to take the replacement backup offline, as plan emergency does
                KeyEntry lost = inventory.load(SITE).current().get(0);
                Cli.Result emergency = cli(state, "issue", "--site", SITE, "--emergency", "backup-2",
                        "--at", t0.plusSeconds(120).toString());
                ok(emergency);
                KeyEntry replacement = inventory.load(SITE).backups().stream()
                        .filter(k -> backups.stream().noneMatch(b -> b.id().equals(k.id()))).findFirst().orElseThrow();
                String exportLine = "  pinkeeper keys backup export --site " + SITE + " --key " + replacement.id()
                        + " --out DIR --offline";
                assertThat(emergency.out()).contains("emergency: backup " + backups.get(1).id())
                        .contains("Export the replacement backup offline now:\n" + exportLine + "\n");
                assertThat(inventory.load(SITE).byId(lost.id()).orElseThrow().role().label()).isEqualTo("retired");
                List<KeyEntry> now = inventory.load(SITE).backups();
                warnsAbout(emergency.err(), now);

                // each export taken offline, with the very command printed, silences its warning
                for (KeyEntry backup : now) {
                    String line = exportLine.strip().replace(replacement.id(), backup.id())
                            .replace("DIR", dir.resolve("offline").toString());
                    List<String> args = new ArrayList<>(List.of(line.substring("pinkeeper ".length()).split(" ")));
                    args.add("--passphrase-file=" + passphrase);
                    ok(cli(state, args.toArray(String[]::new)));
                }
                Cli.Result quiet = cli(state, "deploy", "--site", SITE, "--json", "--at", t0.plusSeconds(180).toString());
                ok(quiet);
                assertThat(quiet.err()).doesNotContain("warning");
                assertThat(quiet.json().get("warnings")).isEmpty();
                assertThat(cli(state, "plan", "show", "--site", SITE, "--at", t0.plusSeconds(190).toString()).err())
                        .doesNotContain("warning");
                Cli.Result verifiedQuiet = verify(state, root, port, t0.plusSeconds(190));
                ok(verifiedQuiet);
                assertThat(verifiedQuiet.err()).doesNotContain("warning");
                assertThat(verifiedQuiet.json().get("warnings")).isEmpty();
            }
        }
    }

    /** stderr names each backup with the command that takes it offline. */
    private static void warnsAbout(String err, List<KeyEntry> backups) {
        assertThat(err.lines().filter(l -> l.startsWith("warning: the private key of backup key"))).hasSize(backups.size());
        for (KeyEntry backup : backups) {
            assertThat(err).contains("warning: the private key of backup key " + backup.id() + " of site " + SITE
                    + " is still on this machine: export it offline with: pinkeeper keys backup export --site " + SITE
                    + " --key " + backup.id() + " --out DIR --offline");
        }
    }

    private static List<String> warnings(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(w -> texts.add(w.asText()));
        return texts;
    }

    private static Cli.Result verify(Path state, Path root, int port, Instant at) {
        return cli(state, "verify", "--site", SITE, "--json", "--connect-to", "127.0.0.1", "--trust", root.toString(),
                "--at", at.toString(), "https://" + HOST + ":" + port + "/");
    }

    private static void ok(Cli.Result result) {
        assertThat(result.code()).as(result.out() + result.err()).isZero();
    }

    private static Cli.Result cli(Path state, String... args) {
        return Cli.runWithState(state, args);
    }
}
