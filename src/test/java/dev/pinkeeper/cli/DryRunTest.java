package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dry-run} on every command that changes state: the same checks and the same output, marked as a
 * dry run, and the state tree byte for byte as before (files, modes of folders, links); no certificate is
 * ordered from the CA (a real pebble) and nothing is deployed.
 */
class DryRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITE = "dry";
    private static final String HOST = "dry.pinkeeper.test";
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    static Path dir;
    static Path state;
    static LocalPebble pebble;
    static Path root;

    @BeforeAll
    static void site() throws Exception {
        state = dir.resolve("state");
        pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next());
        root = pebble.writeRoot(dir.resolve("root.pem"));
        ok("keys", "init", "--simulated-clock", "--site", SITE, "--domain", HOST, "--current", "ec:p256",
                "--backup", "ec:p256,ec:p384");
    }

    @AfterAll
    static void stop() {
        if (pebble != null) {
            pebble.close();
        }
    }

    @Test
    void keysCommandsCheckEverythingAndWriteNothing() throws Exception {
        Cli.Result init = unchanged(0, "keys", "init", "--site", "other", "--domain", "other.pinkeeper.test",
                "--backup", "ec:p256,ec:p384");
        assertThat(init.out()).contains("current");
        Cli.Result json = unchanged(0, "keys", "init", "--site", "other", "--domain", "other.pinkeeper.test",
                "--backup", "ec:p256,ec:p384", "--json");
        JsonNode document = JSON.readTree(json.out());
        assertThat(document.path("dryRun").asBoolean()).isTrue();
        assertThat(document.path("site").asText()).isEqualTo("other");
        // the same checks: an existing site is refused as without --dry-run
        assertThat(unchanged(2, "keys", "init", "--site", SITE, "--domain", HOST).err()).contains("already exists");

        unchanged(0, "keys", "add-current", "--site", SITE, "--algorithm", "ec:p384");
        unchanged(0, "keys", "prune", "--site", SITE, "--retired-before", "2100-01-01", "--yes");
        Path pass = Files.writeString(dir.resolve("pass"), "a long enough passphrase\n");
        Path usb = dir.resolve("usb");
        Cli.Result exported = unchanged(0, "keys", "backup", "export", "--site", SITE, "--key", "backup-1", "--out",
                usb.toString(), "--passphrase-file", pass.toString(), "--offline");
        assertThat(exported.out()).isNotBlank();
        assertThat(usb).as("the backup files of a dry run").doesNotExist();
        Cli.Result offline = Cli.runWithState(state, "keys", "backup", "export", "--site", SITE, "--key", "backup-2",
                "--out", dir.resolve("usb2").toString(), "--passphrase-file", pass.toString(), "--offline", "--json");
        assertThat(offline.code()).as(offline.err()).isZero();
        String encrypted = JSON.readTree(offline.out()).path("encryptedKey").asText();
        Cli.Result restored = unchanged(0, "keys", "backup", "restore", "--site", SITE, "--file", encrypted,
                "--passphrase-file", pass.toString());
        assertThat(restored.out()).contains("restored key");
    }

    @Test
    void planCommandsPrintWhatTheRealCommandPrintsAndWriteNothing() throws Exception {
        String site = "planned";
        ok("keys", "init", "--simulated-clock", "--site", site, "--domain", "planned.pinkeeper.test",
                "--current", "ec:p256", "--backup", "ec:p256,ec:p384");
        String at = START.toString();
        sameAsReal(0, "plan", "init", "--site", site, "--at", at);
        sameAsReal(0, "plan", "advance", "--site", site, "--at", at);
        String week = START.plus(Duration.ofDays(7)).toString();
        sameAsReal(0, "plan", "ramp", "--site", site, "--at", week);
        sameAsReal(0, "plan", "set", "--site", site, "--at", START.plus(Duration.ofHours(169)).toString(), "--report-uri",
                "https://reports.pinkeeper.test/pkp");
        // a change that generates a key: the same result, but the dry run's new key is never written
        String day = START.plus(Duration.ofDays(8)).toString();
        Cli.Result dryRollover = unchanged(-1, "plan", "rollover", "--site", site, "--at", day);
        Cli.Result rollover = Cli.runWithState(state, "plan", "rollover", "--site", site, "--at", day);
        assertThat(dryRollover.code()).isEqualTo(rollover.code());
        assertThat(dryRollover.out()).contains(rollover.out().lines().findFirst().orElseThrow());
        String later = START.plus(Duration.ofDays(9)).toString();
        Cli.Result dryEmergency = unchanged(-1, "plan", "emergency", "--site", site, "--backup", "backup-1", "--at", later);
        Cli.Result emergency = Cli.runWithState(state, "plan", "emergency", "--site", site, "--backup", "backup-1",
                "--at", later);
        assertThat(dryEmergency.code()).as(emergency.out() + emergency.err()).isEqualTo(emergency.code());
        String end = START.plus(Duration.ofDays(10)).toString();
        sameAsReal(0, "plan", "retire", "--site", site, "--at", end);
    }

    @Test
    void issueReadsTheCaAndOrdersNothingDeployAndRenewDeployNothing() throws Exception {
        Path webroot = Files.createDirectories(dir.resolve("www"));
        List<String> acme = List.of("--directory", pebble.directoryUrl().toString(), "--acme-trust",
                pebble.tlsCaFile().toString(), "--roots", root.toString(), "--webroot", webroot.toString());
        List<String> issue = new ArrayList<>(List.of("issue", "--site", SITE, "--target", "none"));
        issue.addAll(acme);
        Cli.Result dry = unchanged(0, issue.toArray(String[]::new));
        assertThat(dry.out()).contains("would issue: current key");
        assertThat(webroot).isEmptyDirectory();

        ok(issue.toArray(String[]::new));
        unchanged(0, "deploy", "--site", SITE, "--target", "none");
        Cli.Result again = unchanged(0, "deploy", "--site", SITE, "--target", "none", "--json");
        JsonNode document = JSON.readTree(again.out());
        assertThat(document.path("dryRun").asBoolean()).isTrue();
        assertThat(document.path("status").asText()).isEqualTo("unchanged");
        Cli.Result renew = unchanged(0, "renew", "--site", SITE);
        assertThat(renew.out()).startsWith(DryRuns.TEXT_MARK);
        unchanged(0, "releases", "prune", "--site", SITE, "--keep", "1", "--yes");
    }

    /** Runs the command with {@code --dry-run}: exit {@code code} (any when negative), state tree unchanged. */
    private static Cli.Result unchanged(int code, String... args) throws IOException {
        Map<String, String> before = tree(state);
        List<String> dry = new ArrayList<>(List.of(args));
        dry.add("--dry-run");
        Cli.Result result = Cli.runWithState(state, dry.toArray(String[]::new));
        if (code >= 0) {
            assertThat(result.code()).as(String.join(" ", dry) + "\n" + result.out() + result.err()).isEqualTo(code);
        }
        assertThat(tree(state)).as(String.join(" ", dry)).isEqualTo(before);
        if (!dry.contains("--json") && result.code() != 2) {
            assertThat(result.out()).startsWith(DryRuns.TEXT_MARK + "\n");
        }
        return result;
    }

    /** The dry run, then the real command: the same exit code and output (but the dry run's mark). */
    private static void sameAsReal(int code, String... args) throws IOException {
        Cli.Result dry = unchanged(code, args);
        Cli.Result real = Cli.runWithState(state, args);
        assertThat(real.code()).as(real.err()).isEqualTo(code);
        assertThat(dry.out()).isEqualTo(DryRuns.TEXT_MARK + "\n" + real.out());
        assertThat(dry.err()).isEqualTo(real.err());
    }

    /** Every path under {@code root} with its content hash (files), target (links) or mode (folders). */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>(FileSnapshot.of(root));
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isDirectory).toList()) {
                tree.put(root.relativize(path) + "/", Files.getPosixFilePermissions(path).toString());
            }
        }
        return tree;
    }

    private static void ok(String... args) {
        Cli.Result result = Cli.runWithState(state, args);
        assertThat(result.code()).as(String.join(" ", args) + "\n" + result.out() + result.err()).isZero();
    }
}
