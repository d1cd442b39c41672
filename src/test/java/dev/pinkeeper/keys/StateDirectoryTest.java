package dev.pinkeeper.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StateDirectoryTest {
    @Test
    void optionWinsOverEnvironmentWhichWinsOverDefault() {
        Map<String, String> env = Map.of("PINKEEPER_STATE", "/var/lib/pinkeeper");
        assertThat(StateDirectory.resolve(Path.of("/tmp/x"), env).root()).isEqualTo(Path.of("/tmp/x"));
        assertThat(StateDirectory.resolve(null, env).root()).isEqualTo(Path.of("/var/lib/pinkeeper"));
        assertThat(StateDirectory.resolve(null, Map.of()).root()).isEqualTo(Path.of("pinkeeper-data"));
        assertThat(StateDirectory.resolve(null, Map.of("PINKEEPER_STATE", " ")).root()).isEqualTo(Path.of("pinkeeper-data"));
    }

    @Test
    void siteNamesCannotEscapeTheStateDirectory() {
        StateDirectory state = new StateDirectory(Path.of("/s"));
        assertThat(state.site("example.com")).isEqualTo(Path.of("/s/sites/example.com"));
        for (String bad : new String[] {"..", "../x", "a/b", "", "Example", ".hidden", "x".repeat(64)}) {
            assertThatThrownBy(() -> state.site(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void algorithmsParseTheirCommandLineNames() {
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            assertThat(KeyAlgorithm.parse(algorithm.label())).isEqualTo(algorithm);
            assertThat(KeyAlgorithm.parse(algorithm.label().toUpperCase())).isEqualTo(algorithm);
        }
        assertThat(KeyAlgorithm.parse("rsa")).isEqualTo(KeyAlgorithm.RSA_3072);
        assertThat(KeyAlgorithm.ED25519.acmeIssuable()).isFalse();
        assertThatThrownBy(() -> KeyAlgorithm.parse("dsa:1024")).hasMessageContaining("rsa:3072");
    }
}
