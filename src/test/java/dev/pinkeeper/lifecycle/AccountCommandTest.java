package dev.pinkeeper.lifecycle;

import dev.pinkeeper.site.SiteLayout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinkeeper.acme.AccountChanges;
import dev.pinkeeper.acme.AccountKeys;
import dev.pinkeeper.acme.IssuanceException;
import dev.pinkeeper.acme.Issuer;
import dev.pinkeeper.acme.IssuerSettings;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.rehearse.FreePorts;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.Pebble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pinkeeper account rollover|contact|deactivate} against a real pebble: the CA accepts the new
 * account key (issuing goes on with it), takes the new contacts, and refuses a deactivated account's key,
 * while the next issue creates a new account.
 */
class AccountCommandTest {
    private static final String SITE = "acct";

    @TempDir
    static Path dir;
    static LocalPebble pebble;
    static Path root;

    @BeforeAll
    static void start() throws Exception {
        pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next());
        root = pebble.writeRoot(dir.resolve("root.pem"));
    }

    @AfterAll
    static void stop() {
        if (pebble != null) {
            pebble.close();
        }
    }

    static String[] issue(String... more) {
        List<String> args = new ArrayList<>(List.of("issue", "--site", SITE, "--no-deploy"));
        args.addAll(Pebble.issueOptions(pebble, root, dir.resolve("www")));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void rolloverContactAndDeactivation() throws Exception {
        Path state = dir.resolve("state");
        Cli.initSite(state, SITE, "acct.pinkeeper.test");
        Cli.Result none = Cli.runWithState(state, "account", "rollover", "--site", SITE);
        assertThat(none.code()).as(none.out() + none.err()).isEqualTo(2); // no CA set for the site yet
        assertThat(none.err()).contains("--directory");
        Cli.Result issued = Cli.runWithState(state, issue());
        assertThat(issued.code()).as(issued.out() + issued.err()).isZero();
        SiteLayout paths = new KeyInventory(new StateDirectory(state)).layout(SITE);
        Path keyFile = paths.account("primary").resolve(AccountKeys.FILE_NAME);
        String firstKey = Files.readString(keyFile);

        Cli.Result rolled = Cli.runWithState(state, "account", "rollover", "--site", SITE);
        assertThat(rolled.code()).as(rolled.out() + rolled.err()).isZero();
        assertThat(rolled.out()).contains("account key rolled over");
        assertThat(Files.readString(keyFile)).isNotEqualTo(firstKey);
        assertThat(Files.getPosixFilePermissions(keyFile)).hasSize(2); // rw-------
        // the CA knows the account by its new key: issuing goes on with it, no new account
        Cli.Result withNewKey = Cli.runWithState(state, issue("--force-renewal"));
        assertThat(withNewKey.code()).as(withNewKey.out() + withNewKey.err()).isZero();

        Cli.Result contact = Cli.runWithState(state, "account", "contact", "--site", SITE, "--email", "pki@pinkeeper.test",
                "--json");
        assertThat(contact.code()).as(contact.out() + contact.err()).isZero();
        assertThat(contact.json().path("done").asText()).contains("mailto:pki@pinkeeper.test");
        assertThat(new SiteSettingsStore(paths).acme().contacts()).containsExactly("pki@pinkeeper.test");
        Cli.usageErrorChangingNothing(state, "--email", "account", "contact", "--site", SITE, "--email", "not an address");

        Cli.usageErrorChangingNothing(state, "--yes", "account", "deactivate", "--site", SITE);
        Map<String, String> before = FileSnapshot.of(state);
        Cli.Result dry = Cli.runWithState(state, "account", "deactivate", "--site", SITE, "--dry-run");
        assertThat(dry.code()).isZero();
        assertThat(dry.out()).contains("would deactivate");
        assertThat(FileSnapshot.of(state)).isEqualTo(before);

        String activeKey = Files.readString(keyFile);
        Cli.Result deactivated = Cli.runWithState(state, "account", "deactivate", "--site", SITE, "--yes");
        assertThat(deactivated.code()).as(deactivated.out() + deactivated.err()).isZero();
        assertThat(keyFile).doesNotExist();
        Path setAside = paths.account("primary").resolve(AccountChanges.DEACTIVATED);
        assertThat(Files.readString(setAside)).isEqualTo(activeKey);
        // the CA refuses the deactivated account's key
        Path old = Files.createDirectories(dir.resolve("old-account"));
        Files.setPosixFilePermissions(old, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Files.writeString(old.resolve(AccountKeys.FILE_NAME), activeKey);
        Files.setPosixFilePermissions(old.resolve(AccountKeys.FILE_NAME),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Issuer withOldKey = new Issuer(IssuerSettings.of(pebble.directoryUrl(), old).withTrustedCa(pebble.tlsCaFile()));
        assertThatThrownBy(withOldKey::checkAccount).isInstanceOf(IssuanceException.class).hasMessageContaining("deactivated");
        // the next issue creates a new account
        Cli.Result fresh = Cli.runWithState(state, issue("--force-renewal"));
        assertThat(fresh.code()).as(fresh.out() + fresh.err()).isZero();
        assertThat(Files.readString(keyFile)).isNotEqualTo(activeKey);
    }

    @Test
    void noAccountYetIsSaidPlainly() throws Exception {
        Path state = dir.resolve("state-new");
        Cli.initSite(state, SITE, "acct.pinkeeper.test");
        SiteLayout paths = new KeyInventory(new StateDirectory(state)).layout(SITE);
        new SiteSettingsStore(paths).updateAcme(new AcmeSettings(new CaSettings(pebble.directoryUrl().toString(),
                pebble.tlsCaFile().toString(), root.toString()), null, null, null, null, null, null, List.of()));
        Map<String, String> before = FileSnapshot.of(state);
        Cli.Result result = Cli.runWithState(state, "account", "rollover", "--site", SITE);
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("no ACME account");
        assertThat(FileSnapshot.of(state)).isEqualTo(before);
    }
}
