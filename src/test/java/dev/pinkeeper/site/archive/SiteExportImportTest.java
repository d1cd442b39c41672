package dev.pinkeeper.site.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.rehearse.FreePorts;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.Nginx;
import dev.pinkeeper.testing.Pebble;
import dev.pinkeeper.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * {@code site export} and {@code site import} round trip a site that pebble issued for and nginx serves,
 * with one backup key offline: the state directory is deleted, the archive restores it byte for byte
 * (locks aside), and {@code keys list}, {@code plan show} and {@code verify --site} say exactly what they
 * said before. A wrong passphrase, a damaged archive and an existing site are refused, writing nothing.
 */
class SiteExportImportTest {
    private static final String SITE = "shop";
    private static final String HOST = "shop.pinkeeper.test";

    @TempDir
    static Path dir;
    static LocalPebble pebble;
    static Nginx nginx;
    static Path state;
    static Path root;
    static Path passphrase;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next());
        root = pebble.writeRoot(dir.resolve("root.pem"));
        state = dir.resolve("state");
        passphrase = Files.writeString(dir.resolve("passphrase"), "correct horse battery staple\n");
        assertThat(cli("keys", "init", "--site", SITE, "--domain", HOST, "--simulated-clock").code()).isZero();
        Cli.Result offline = cli("keys", "backup", "export", "--site", SITE, "--key", "backup-1", "--out",
                dir.resolve("usb").toString(), "--passphrase-file", passphrase.toString(), "--offline");
        assertThat(offline.code()).as(offline.err()).isZero();
        List<String> issue = new ArrayList<>(List.of("issue", "--site", SITE, "--target", "none", "--report-uri",
                "https://reports.pinkeeper.test/hpkp"));
        issue.addAll(Pebble.issueOptions(pebble, root, dir.resolve("www")));
        assertThat(cli(issue.toArray(String[]::new)).code()).isZero();
        port = FreePorts.next();
        nginx = Nginx.servingRelease(dir.resolve("nginx"), port, state.resolve("sites/" + SITE + "/deploy/live"));
        List<String> deploy = new ArrayList<>(List.of("deploy", "--site", SITE, "--probe", "127.0.0.1:" + port));
        deploy.addAll(nginx.deployOptions());
        Cli.Result deployed = cli(deploy.toArray(String[]::new));
        assertThat(deployed.code()).as(deployed.out() + deployed.err()).isZero();
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (pebble != null) {
            pebble.close();
        }
    }

    @Test
    void aSiteExportedAndImportedIntoAnEmptyStateIsTheSameSite() throws Exception {
        Instant at = Instant.now().plusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
        List<String> before = views(at);
        Map<String, String> files = withoutLocks(FileSnapshot.of(state));
        KeyEntry offlineKey = new KeyInventory(new StateDirectory(state)).load(SITE).keys().stream()
                .filter(KeyEntry::offline).findFirst().orElseThrow();

        Path archive = dir.resolve("shop.site");
        Cli.Result exported = cli("site", "export", "--site", SITE, "--out", archive.toString(), "--passphrase-file",
                passphrase.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(exported.out()).contains("not in it: the private key of offline key " + offlineKey.id());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive))).isEqualTo("rw-------");
        assertThat(Files.readString(archive)).startsWith("-----BEGIN PINKEEPER SITE ARCHIVE-----")
                .doesNotContain("PRIVATE KEY");
        assertThat(cli("site", "export", "--site", SITE, "--out", archive.toString(), "--passphrase-file",
                passphrase.toString()).code()).isEqualTo(2);

        Trees.delete(state);
        Path wrong = Files.writeString(dir.resolve("wrong"), "not the passphrase at all\n");
        Cli.Result refused = cli("site", "import", "--file", archive.toString(), "--passphrase-file", wrong.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("wrong passphrase");
        assertThat(Files.exists(state)).isFalse();

        Cli.Result dry = cli("site", "import", "--file", archive.toString(), "--passphrase-file", passphrase.toString(),
                "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).startsWith("dry run: nothing was written").contains("dry run: would restore site " + SITE);
        assertThat(Files.exists(state.resolve("sites/" + SITE))).isFalse();

        Cli.Result imported = cli("site", "import", "--file", archive.toString(), "--passphrase-file",
                passphrase.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("restored site " + SITE).contains("offline key " + offlineKey.id());
        assertThat(withoutLocks(FileSnapshot.of(state))).isEqualTo(files);
        try (Stream<Path> keyFiles = Files.list(state.resolve("sites/" + SITE + "/keys/" + offlineKey.id()))) {
            assertThat(keyFiles.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("private"));
        }
        assertThat(views(at)).isEqualTo(before);

        Map<String, String> restored = FileSnapshot.of(state);
        Cli.Result again = cli("site", "import", "--file", archive.toString(), "--passphrase-file", passphrase.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("exists already");
        assertThat(FileSnapshot.of(state)).isEqualTo(restored);
    }

    @Test
    void aDamagedArchiveIsRefused() throws Exception {
        Path archive = dir.resolve("damaged.site");
        assertThat(cli("site", "export", "--site", SITE, "--out", archive.toString(), "--passphrase-file",
                passphrase.toString()).code()).isZero();
        List<String> lines = new ArrayList<>(Files.readAllLines(archive));
        String middle = lines.get(lines.size() / 2);
        lines.set(lines.size() / 2, (middle.charAt(0) == 'A' ? "B" : "A") + middle.substring(1));
        Files.write(archive, lines);
        Path other = dir.resolve("other-state");
        Cli.Result refused = Cli.run("site", "import", "--file", archive.toString(), "--passphrase-file",
                passphrase.toString(), "--state", other.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).containsAnyOf("damaged", "wrong passphrase");
        assertThat(Files.exists(other)).isFalse();
    }

    /** What keys list, plan show and verify --site print about the site. */
    private static List<String> views(Instant at) {
        List<String> views = new ArrayList<>();
        views.add(cli("keys", "list", "--site", SITE, "--json").out().replace(state.toString(), "STATE"));
        views.add(cli("plan", "show", "--site", SITE, "--at", at.toString()).out());
        Cli.Result verified = cli("verify", "--site", SITE, "https://" + HOST + ":" + port + "/", "--connect-to",
                "127.0.0.1", "--trust", root.toString(), "--at", at.toString());
        assertThat(verified.code()).as(verified.out() + verified.err()).isZero();
        views.add(verified.out());
        return views;
    }

    private static Map<String, String> withoutLocks(Map<String, String> files) {
        Map<String, String> kept = new TreeMap<>(files);
        kept.keySet().removeIf(name -> name.endsWith("/lock") || name.endsWith("/.lock"));
        return kept;
    }

    private static Cli.Result cli(String... args) {
        return Cli.runWithState(state, args);
    }
}
