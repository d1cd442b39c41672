package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pinkeeper.site.SiteLayout;

/** A site's settings: saved on first use, options given later replace only what they name. */
class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void laterOptionsReplaceOnlyWhatTheyName() throws Exception {
        SiteSettingsStore store = new SiteSettingsStore(new SiteLayout("s", dir));
        store.updateAcme(new AcmeSettings(new CaSettings("letsencrypt", null, "/roots.pem"), null, "http-01",
                "/var/www", null, null, null, List.of("a@example.org")));
        AcmeSettings merged = store.updateAcme(new AcmeSettings(new CaSettings(null, "/pebble-ca.pem", null),
                new CaSettings("https://backup.example/dir", null, null), null, null, null, null, null, List.of()));

        assertThat(merged.primary()).isEqualTo(new CaSettings("letsencrypt", "/pebble-ca.pem", "/roots.pem"));
        assertThat(merged.ca("backup").directory()).isEqualTo("https://backup.example/dir");
        assertThat(merged.webroot()).isEqualTo("/var/www");
        assertThat(merged.contacts()).containsExactly("a@example.org");
        assertThat(store.acme()).isEqualTo(merged);
        assertThat(Files.readString(dir.resolve(AcmeSettings.FILE))).contains("pebble-ca.pem");
    }

    @Test
    void hstsIsOnByDefaultAndPreloadOnlyWhenAsked() throws Exception {
        SiteSettingsStore store = new SiteSettingsStore(new SiteLayout("s", dir));
        assertThat(store.deploy().hstsValue()).isEqualTo("max-age=31536000");
        DeploySettings preload = store.updateDeploy(new DeploySettings("none", null, List.of(), null, null, null,
                null, true, null, null, null, null, List.of()));
        assertThat(preload.hstsValue()).isEqualTo("max-age=31536000; includeSubDomains; preload");
        DeploySettings off = store.updateDeploy(new DeploySettings(null, null, List.of(), null, null, null,
                false, null, null, null, null, null, List.of()));
        assertThat(off.hstsValue()).isNull();
        assertThat(off.target()).isEqualTo("none");
    }

    @Test
    void aMissingCaOrAnUnknownTargetIsSaidPlainly() {
        // the library names the setting as data; the command line names its own option (--backup-directory)
        assertThatThrownBy(() -> AcmeSettings.empty().ca("backup")).isInstanceOfSatisfying(InvalidSettingException.class,
                e -> {
                    assertThat(e.setting()).isEqualTo(SiteSetting.BACKUP_DIRECTORY);
                    assertThat(e.problem()).contains("no backup CA is set");
                });
        assertThatThrownBy(() -> new DeploySettings("lighttpd", null, List.of(), null, null, null, null, null, null,
                null, null, null, List.of())).hasMessageContaining("nginx, haproxy, apache or none, not lighttpd");
    }

    @Test
    void apacheSettingsAreSavedReadBackAndReplacedOnlyWhenGivenAgain() throws Exception {
        SiteSettingsStore store = new SiteSettingsStore(new SiteLayout("s", dir));
        store.updateDeploy(new DeploySettings("apache", null, List.of(), null, null, null, null, null, null, null, null,
                "/etc/apache2/apache2.conf", List.of("-d", "/etc/apache2")));

        DeploySettings probeOnly = store.updateDeploy(new DeploySettings(null, null, List.of(), null, null, null, null,
                null, "127.0.0.1:443", null, null, null, List.of()));

        assertThat(probeOnly.target()).isEqualTo("apache");
        assertThat(probeOnly.apacheConf()).isEqualTo("/etc/apache2/apache2.conf");
        assertThat(probeOnly.apacheOptions()).containsExactly("-d", "/etc/apache2");
        assertThat(new SiteSettingsStore(new SiteLayout("s", dir)).deploy()).isEqualTo(probeOnly);
        assertThat(Files.readString(dir.resolve(DeploySettings.FILE))).contains("apache2.conf");
    }

    @Test
    void anApacheTargetNeedsItsConfigFile() {
        assertThatThrownBy(() -> ServerTargetFactory.of(new DeploySettings("apache", null, List.of(), null, null, null,
                null, null, null, null, null, null, List.of()))).isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> {
                            assertThat(e.setting()).isEqualTo(SiteSetting.APACHE_CONF);
                            assertThat(e.problem()).contains("main config file");
                        });
    }

    @Test
    void aSavedSettingCanBeClearedAndEveryValueIsCheckedBeforeUse() {
        DeploySettings saved = new DeploySettings("none", null, List.of(), null, null, null, null, Boolean.TRUE,
                "127.0.0.1:99999", "bad\u0001", null, null, List.of());
        assertThatThrownBy(saved::check).isInstanceOfSatisfying(InvalidSettingException.class,
                e -> assertThat(e.setting()).isEqualTo(SiteSetting.PROBE));
        DeploySettings noProbe = saved.without(java.util.EnumSet.of(SiteSetting.PROBE));
        assertThatThrownBy(noProbe::check).isInstanceOfSatisfying(InvalidSettingException.class,
                e -> assertThat(e.setting()).isEqualTo(SiteSetting.SERVER_NAME));
        DeploySettings cleared = noProbe.without(java.util.EnumSet.of(SiteSetting.SERVER_NAME, SiteSetting.HSTS_PRELOAD));
        assertThat(cleared.check().probe()).isNull();
        assertThat(cleared.hstsPreload()).isNull();
        assertThat(cleared.target()).isEqualTo("none");

        AcmeSettings acme = new AcmeSettings(new CaSettings("letsencrypt", null, null), null, null, null, null, 70_000,
                "/no/such/hook", List.of());
        assertThatThrownBy(acme::check).isInstanceOfSatisfying(InvalidSettingException.class,
                e -> assertThat(e.setting()).isEqualTo(SiteSetting.STANDALONE_PORT));
        AcmeSettings fixed = acme.without(java.util.EnumSet.of(SiteSetting.STANDALONE_PORT, SiteSetting.DNS_HOOK));
        assertThat(fixed.check().standalonePort()).isNull();
        assertThat(fixed.dnsHook()).isNull();
        assertThat(fixed.primary().directory()).isEqualTo("letsencrypt");
    }

    @Test
    void theProbeIsHostPortAsEveryAddressIsRead() {
        assertThat(SettingChecks.endpoint(SiteSetting.PROBE, "[::1]:8443")).isEqualTo(new DeploySettings.Endpoint("::1", 8443));
        assertThat(SettingChecks.endpoint(SiteSetting.PROBE, "Site.Example:443"))
                .isEqualTo(new DeploySettings.Endpoint("site.example", 443));
        assertThatThrownBy(() -> SettingChecks.endpoint(SiteSetting.PROBE, "::1:8443"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("write an IPv6 address as [ADDRESS]:PORT");
        assertThatThrownBy(() -> SettingChecks.endpoint(SiteSetting.PROBE, "127.0.0.1:0"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("0 is not a TCP port (1 to 65535)");
        assertThatThrownBy(() -> SettingChecks.endpoint(SiteSetting.PROBE, "127.0.0.1"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("expected HOST:PORT");
    }

    @Test
    void aProgramThatIsNotInstalledNamesItsPackage() {
        assertThatThrownBy(() -> Programs.find("pinkeeper-no-such-program", "some-package"))
                .isInstanceOf(Programs.MissingProgramException.class)
                .hasMessageContaining("install the Debian package some-package");
    }

    @Test
    void aDeployThatFailsKeepsNoneOfTheSettingsItWasGiven(@TempDir Path state) throws Exception {
        dev.pinkeeper.testing.Cli.Result init = dev.pinkeeper.testing.Cli.runWithState(state, "keys", "init", "--site", "fresh",
                "--domain", "fresh.example", "--backup", "ec:p256", "--backup", "ec:p384");
        assertThat(init.code()).as(init.err()).isZero();
        // no certificate was issued yet: nothing can be deployed
        dev.pinkeeper.testing.Cli.Result deploy = dev.pinkeeper.testing.Cli.runWithState(state, "deploy", "--site", "fresh",
                "--target", "none", "--report-uri", "https://reports.example/pkp", "--no-hsts");
        assertThat(deploy.code()).as(deploy.out() + deploy.err()).isNotZero();
        assertThat(deploy.errLines()).hasSize(1);
        Path saved = state.resolve("sites").resolve("fresh").resolve(DeploySettings.FILE);
        assertThat(saved).as("settings of a failed deployment").doesNotExist();
    }
}
