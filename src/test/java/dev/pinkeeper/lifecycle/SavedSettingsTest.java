package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Whether a settings file has a value for a setting: only its own settings, only when given. */
class SavedSettingsTest {
    @Test
    void anAcmeSettingIsSetWhenItHasAValue() {
        AcmeSettings acme = new AcmeSettings(new CaSettings("https://ca.example/dir", null, null, null, null), null,
                null, null, null, null, null, List.of("ops@example.com"));
        assertThat(acme.isSet(SiteSetting.DIRECTORY)).isTrue();
        assertThat(acme.isSet(SiteSetting.CONTACTS)).isTrue();
        assertThat(acme.isSet(SiteSetting.ACME_TRUST)).isFalse();
        assertThat(acme.isSet(SiteSetting.BACKUP_DIRECTORY)).isFalse();
        assertThat(acme.isSet(SiteSetting.TARGET)).isFalse();
        assertThat(AcmeSettings.empty().isSet(SiteSetting.DIRECTORY)).isFalse();
        assertThat(SavedSettings.isSet(null, SiteSetting.DIRECTORY)).isFalse();
    }

    @Test
    void aDeploySettingIsSetWhenItHasAValueAndNeverAnAcmeOne() {
        DeploySettings deploy = new DeploySettings("nginx", null, List.of("-p", "/srv"), null, null, null, null, null,
                null, null, null, null, List.of(), null);
        assertThat(deploy.isSet(SiteSetting.TARGET)).isTrue();
        assertThat(deploy.isSet(SiteSetting.NGINX_OPTIONS)).isTrue();
        assertThat(deploy.isSet(SiteSetting.NGINX_CONF)).isFalse();
        assertThat(deploy.isSet(SiteSetting.APACHE_OPTIONS)).isFalse();
        assertThat(deploy.isSet(SiteSetting.DIRECTORY)).isFalse();
    }
}
