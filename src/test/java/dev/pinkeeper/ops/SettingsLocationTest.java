package dev.pinkeeper.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which settings file a run reads: the one named for it, else the environment's, else the default one if it exists. */
class SettingsLocationTest {
    private static final Map<String, String> NAMED = Map.of(SettingsFile.ENVIRONMENT_VARIABLE, "/srv/pinkeeper.toml");

    @Test
    void theFileNamedForTheRunWinsOverTheEnvironment() {
        assertThat(SettingsLocation.find(Path.of("/tmp/given.toml"), NAMED))
                .contains(new SettingsLocation(Path.of("/tmp/given.toml"), SettingsLocation.Origin.GIVEN));
    }

    @Test
    void theEnvironmentNamesItWhenTheRunDoesNot() {
        assertThat(SettingsLocation.find(null, NAMED))
                .contains(new SettingsLocation(Path.of("/srv/pinkeeper.toml"), SettingsLocation.Origin.ENVIRONMENT));
    }

    @Test
    void aBlankVariableFallsBackToTheDefaultFileOnlyWhenItExists() {
        var found = SettingsLocation.find(null, Map.of(SettingsFile.ENVIRONMENT_VARIABLE, " "));
        if (Files.exists(SettingsFile.DEFAULT)) {
            assertThat(found).contains(new SettingsLocation(SettingsFile.DEFAULT, SettingsLocation.Origin.DEFAULT));
        } else {
            assertThat(found).isEmpty();
        }
    }

    @Test
    void directoryAndRootsBecomeThePrimaryCaDefaultsAndTheTargetTheDeploymentDefault() {
        OperatorSettings settings = new OperatorSettings(null, null, "letsencrypt", null, null, Path.of("/etc/roots.pem"),
                "nginx", null, null, null, null, null, null);
        assertThat(settings.acmeDefaults().primary().directory()).isEqualTo("letsencrypt");
        assertThat(settings.acmeDefaults().primary().roots()).isEqualTo("/etc/roots.pem");
        assertThat(settings.deployDefaults().target()).isEqualTo("nginx");
        assertThat(OperatorSettings.NONE.acmeDefaults()).isEqualTo(dev.pinkeeper.lifecycle.AcmeSettings.empty());
        assertThat(OperatorSettings.NONE.deployDefaults()).isEqualTo(dev.pinkeeper.lifecycle.DeploySettings.empty());
    }
}
