package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.RecordingScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings file on the command line: {@code --config FILE} or {@code $PINKEEPER_CONFIG} gives the defaults
 * (state folder, notify command), an option given wins, and a file that cannot be used stops the command with one
 * line naming the file, the line and the key (exit 2, nothing changed).
 */
class SettingsFileDefaultsTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreEnvironment() {
        SettingsDefaults.environment = System.getenv();
    }

    @Test
    void theStateFolderComesFromTheFileUnlessStateIsGiven() throws Exception {
        Path state = dir.resolve("from-file");
        Path config = config("state = \"" + state + "\"\n");
        Cli.Result init = Cli.run("keys", "init", "--site", "shop", "--domain", "shop.pinkeeper.test", "--config",
                config.toString());
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(state.resolve("sites").resolve("shop")).isDirectory();

        Cli.Result listed = Cli.run("--config", config.toString(), "keys", "list");
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("shop");
        Path other = Files.createDirectories(dir.resolve("other"));
        Cli.Result given = Cli.run("keys", "list", "--config", config.toString(), "--state", other.toString(), "--json");
        assertThat(given.code()).as(given.err()).isZero();
        assertThat(given.out()).doesNotContain("shop");
    }

    @Test
    void theEnvironmentVariableNamesTheFileAndTheOptionWinsOverIt() throws Exception {
        RecordingScript fromFile = RecordingScript.create(dir.resolve("bin"), "from-file", 0, "");
        RecordingScript given = RecordingScript.create(dir.resolve("bin"), "given", 0, "");
        Path config = config("notify-command = \"" + fromFile.path() + "\"\n");
        SettingsDefaults.environment = Map.of("PINKEEPER_CONFIG", config.toString());
        assertThat(Cli.run("notify", "--test").code()).isZero();
        assertThat(fromFile.runs()).hasSize(1);
        assertThat(Cli.run("notify", "--test", "--notify-command", given.path().toString()).code()).isZero();
        assertThat(given.runs()).hasSize(1);
        assertThat(fromFile.runs()).hasSize(1);
    }

    @Test
    void anUnknownKeyStopsTheCommandNamingFileLineAndKey() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Path config = config("target = \"nginx\"\nnotify_command = \"mail root\"\n");
        Map<String, String> before = FileSnapshot.of(state);
        Cli.Result refused = Cli.runWithState(state, "keys", "init", "--site", "shop", "--domain", "shop.pinkeeper.test",
                "--config", config.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.errLines()).singleElement().asString()
                .startsWith("pinkeeper: --config: " + config + ":2: unknown key 'notify_command' (known: ");
        assertThat(FileSnapshot.of(state)).isEqualTo(before);

        SettingsDefaults.environment = Map.of("PINKEEPER_CONFIG", config.toString());
        Cli.Result fromEnvironment = Cli.runWithState(state, "renew");
        assertThat(fromEnvironment.code()).isEqualTo(2);
        assertThat(fromEnvironment.errLines()).singleElement().asString()
                .startsWith("pinkeeper: $PINKEEPER_CONFIG: " + config + ":2: unknown key 'notify_command'");
    }

    @Test
    void aMissingConfigFileIsAUsageError() {
        Cli.Result missing = Cli.run("keys", "list", "--config", dir.resolve("absent.toml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.errLines()).singleElement().asString().contains("--config: " + dir.resolve("absent.toml")
                + ": no such file");
    }

    private Path config(String text) throws Exception {
        return Files.writeString(dir.resolve("pinkeeper.toml"), text);
    }
}
