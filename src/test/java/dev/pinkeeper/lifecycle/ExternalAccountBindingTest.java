package dev.pinkeeper.lifecycle;

import dev.pinkeeper.site.SiteLayout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.rehearse.FreePorts;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.Pebble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External Account Binding against a real pebble that requires it ({@code externalAccountBindingRequired},
 * as ZeroSSL, Google Trust Services and SSL.com do): a missing, wrong or unreadable binding is one line on
 * stderr naming its option, exit 2, the state byte for byte as it was; a good one creates the account, its
 * key id is saved in acme.json and its HMAC key kept 0600 in the CA's account folder, never printed; later
 * runs need no binding. A CA known to require one (zerossl) is refused without the network.
 */
class ExternalAccountBindingTest {
    private static final String KID = "kid-1";
    private static final String HMAC = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";
    private static final String OTHER_HMAC = "b10lLJs8l1GPIzsLP0s6pMt8O0XVGnfTaCeROxQM0BIt2XrJMDHJZBM5NuQmQJQH";

    @TempDir
    static Path dir;
    static LocalPebble pebble;
    static Path root;
    static Path goodKey;
    static Path wrongKey;

    @BeforeAll
    static void start() throws Exception {
        pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next(), Map.of(KID, HMAC, "kid-2", OTHER_HMAC),
                null);
        root = pebble.writeRoot(dir.resolve("root.pem"));
        goodKey = Files.writeString(dir.resolve("hmac.txt"), HMAC + "\n");
        wrongKey = Files.writeString(dir.resolve("wrong.txt"), OTHER_HMAC + "\n");
    }

    @AfterAll
    static void stop() {
        if (pebble != null) {
            pebble.close();
        }
    }

    static Path site(String name) {
        Path state = dir.resolve("state-" + name);
        Cli.initSite(state, name, name + ".pinkeeper.test");
        return state;
    }

    static String[] issue(String site, String... more) {
        List<String> args = new ArrayList<>(List.of("issue", "--site", site, "--no-deploy"));
        args.addAll(Pebble.issueOptions(pebble, root, dir.resolve("www")));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void withoutABindingTheAccountIsNotCreatedAndNothingIsSaved() {
        Path state = site("missing");
        Cli.Result refused = Cli.usageErrorChangingNothing(state, "--eab-kid", issue("missing"));
        assertThat(refused.err()).contains("requires an External Account Binding");
    }

    @Test
    void aWrongHmacKeyOrKeyIdIsRefusedByTheCaAndNothingIsSaved() {
        Path state = site("wrong");
        Cli.Result wrongKeyRun = Cli.usageErrorChangingNothing(state, "--eab-kid",
                issue("wrong", "--eab-kid", KID, "--eab-hmac-key-file", wrongKey.toString()));
        assertThat(wrongKeyRun.err()).contains("refused the External Account Binding").doesNotContain(OTHER_HMAC);
        Cli.Result unknownKid = Cli.usageErrorChangingNothing(state, "--eab-kid",
                issue("wrong", "--eab-kid", "no-such-kid", "--eab-hmac-key-file", goodKey.toString()));
        assertThat(unknownKid.err()).contains("no-such-kid").doesNotContain(HMAC);
    }

    @Test
    void anUnusableKeyFileIsABadOptionBeforeTheCaIsAsked() throws Exception {
        Path state = site("unusable");
        Path notBase64 = Files.writeString(dir.resolve("not-base64.txt"), "this is not! a key");
        Path shortKey = Files.writeString(dir.resolve("short.txt"), "c2hvcnQ");
        Cli.usageErrorChangingNothing(state, "--eab-hmac-key-file",
                issue("unusable", "--eab-kid", KID, "--eab-hmac-key-file", notBase64.toString()));
        Cli.usageErrorChangingNothing(state, "--eab-hmac-key-file",
                issue("unusable", "--eab-kid", KID, "--eab-hmac-key-file", shortKey.toString()));
        Cli.usageErrorChangingNothing(state, "--eab-hmac-key-file",
                issue("unusable", "--eab-kid", KID, "--eab-hmac-key-file", dir.resolve("nothing").toString()));
        Cli.usageErrorChangingNothing(state, "--eab-kid", issue("unusable", "--eab-hmac-key-file", goodKey.toString()));
        Cli.usageErrorChangingNothing(state, "--eab-hmac-key-file", issue("unusable", "--eab-kid", KID));
    }

    @Test
    void aGoodBindingCreatesTheAccountAndKeepsTheHmacKeyPrivately() throws Exception {
        Path state = site("good");
        Cli.Result issued = Cli.runWithState(state, issue("good", "--eab-kid", KID, "--eab-hmac-key-file", goodKey.toString()));
        assertThat(issued.code()).as(issued.out() + issued.err()).isZero();
        assertThat(issued.out()).contains("issued: current key");
        assertThat(issued.out() + issued.err()).doesNotContain(HMAC);

        Path siteDir = new dev.pinkeeper.keys.KeyInventory(new dev.pinkeeper.keys.StateDirectory(state)).layout("good").directory();
        String acmeJson = Files.readString(siteDir.resolve("acme.json"));
        assertThat(acmeJson).contains("\"eabKeyId\" : \"" + KID + "\"").doesNotContain(HMAC);
        Path kept = siteDir.resolve("accounts/primary/eab-hmac-key");
        assertThat(Files.readString(kept).strip()).isEqualTo(HMAC);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.getParent()))).isEqualTo("rwx------");
        // no other file of the state holds the key (the kept copy is the only one)
        try (var files = Files.walk(state)) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> !f.equals(kept)).filter(f -> {
                try {
                    return new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1).contains(HMAC);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList()).isEmpty();
        }

        // the account exists: a later run needs no binding on the command line
        Cli.Result again = Cli.runWithState(state, issue("good", "--force-renewal"));
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        assertThat(again.out() + again.err()).doesNotContain(HMAC);
    }

    /** The settings file's eab-kid and eab-hmac-key-file are the primary CA's binding when the command line gives none. */
    @Test
    void theSettingsFilesBindingIsThePrimaryCasDefault() throws Exception {
        Path state = site("fromfile");
        Path config = Files.writeString(dir.resolve("pinkeeper.toml"), "eab-kid = \"" + KID + "\"\n"
                + "eab-hmac-key-file = \"" + goodKey + "\"\n");
        List<String> args = new ArrayList<>(List.of(issue("fromfile")));
        args.addAll(List.of("--config", config.toString()));
        Cli.Result issued = Cli.runWithState(state, args.toArray(String[]::new));
        assertThat(issued.code()).as(issued.out() + issued.err()).isZero();
        assertThat(issued.out() + issued.err()).doesNotContain(HMAC);
        assertThat(Files.readString(AccountBindings.file(new KeyInventory(new StateDirectory(state)).layout("fromfile"),
                "primary")).strip()).isEqualTo(HMAC);
    }

    @Test
    void theBackupCaTakesItsOwnBinding() throws Exception {
        Path state = site("backup");
        try (LocalPebble primary = LocalPebble.start(dir.resolve("pebble-primary"), null, FreePorts.next())) {
            List<String> args = new ArrayList<>(List.of("issue", "--site", "backup", "--no-deploy", "--ca", "backup",
                    "--key", "backup-1", "--directory", primary.directoryUrl().toString(), "--acme-trust",
                    primary.tlsCaFile().toString(), "--webroot", Files.createDirectories(dir.resolve("www")).toString(),
                    "--backup-directory", pebble.directoryUrl().toString(), "--backup-acme-trust",
                    pebble.tlsCaFile().toString(), "--backup-roots", root.toString()));
            Cli.usageErrorChangingNothing(state, "--backup-eab-kid", args.toArray(String[]::new));
            args.addAll(List.of("--backup-eab-kid", "kid-2", "--backup-eab-hmac-key-file", wrongKey.toString()));
            Cli.Result issued = Cli.runWithState(state, args.toArray(String[]::new));
            assertThat(issued.code()).as(issued.out() + issued.err()).isZero();
            assertThat(issued.out()).contains("by the backup CA");
            SiteLayout paths = new dev.pinkeeper.keys.KeyInventory(new dev.pinkeeper.keys.StateDirectory(state)).layout("backup");
            assertThat(new SiteSettingsStore(paths).acme().backup().eabKeyId()).isEqualTo("kid-2");
            assertThat(Files.readString(AccountBindings.file(paths, "backup")).strip()).isEqualTo(OTHER_HMAC);
            assertThat(AccountBindings.file(paths, "primary")).doesNotExist();
        }
    }

    @Test
    void aCaKnownToRequireABindingIsRefusedWithoutOneBeforeTheNetwork() {
        Path state = site("zerossl");
        Cli.Result refused = Cli.usageErrorChangingNothing(state, "--eab-kid",
                "issue", "--site", "zerossl", "--no-deploy", "--directory", "zerossl", "--webroot", dir.toString());
        assertThat(refused.err()).contains("acme.zerossl.com");
    }
}
