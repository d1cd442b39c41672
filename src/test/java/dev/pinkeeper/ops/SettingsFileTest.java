package dev.pinkeeper.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings file: every key read, and every mistake one line naming the file, the line and the key. */
class SettingsFileTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryKey() throws Exception {
        Path file = write("""
                state = "/var/lib/pinkeeper"
                directory = "letsencrypt"
                eab-kid = "kid-1"
                eab-hmac-key-file = "/etc/pinkeeper/eab.key"
                roots = "/etc/pinkeeper/roots.pem"
                target = "nginx"
                notify-command = "mail -s 'pinkeeper' root"
                notify-after = "3w"
                pre-hook = "systemctl stop apache2"
                deploy-hook = "systemctl reload postfix"
                post-hook = "systemctl start apache2"
                hooks-dir = "/etc/pinkeeper/hooks"
                """);
        OperatorSettings settings = SettingsFile.read(file);
        assertThat(settings).isEqualTo(new OperatorSettings(file, Path.of("/var/lib/pinkeeper"), "letsencrypt", "kid-1",
                Path.of("/etc/pinkeeper/eab.key"), Path.of("/etc/pinkeeper/roots.pem"), "nginx", "mail -s 'pinkeeper' root",
                Duration.ofDays(21), "systemctl stop apache2", "systemctl reload postfix", "systemctl start apache2",
                Path.of("/etc/pinkeeper/hooks")));
    }

    @Test
    void anEmptyFileSetsNothing() throws Exception {
        Path file = write("# nothing yet\n");
        assertThat(SettingsFile.read(file)).isEqualTo(new OperatorSettings(file, null, null, null, null, null, null,
                null, null, null, null, null, null));
    }

    @Test
    void theShippedExampleWithEveryLineUncommentedIsValidAndNamesEveryKey() throws Exception {
        String example = Files.readString(Path.of("packaging/pinkeeper.toml"));
        assertThat(SettingsFile.read(write(example)).state()).isNull(); // as shipped: everything commented out
        String uncommented = example.lines().map(line -> line.matches("# [a-z-]+ = .*") ? line.substring(2) : line)
                .collect(Collectors.joining("\n"));
        OperatorSettings all = SettingsFile.read(write(uncommented));
        assertThat(all.state()).isEqualTo(Path.of("/var/lib/pinkeeper"));
        assertThat(all.hooksDirectory()).isEqualTo(Path.of("/etc/pinkeeper/hooks"));
        assertThat(example.lines().filter(line -> line.matches("# [a-z-]+ = .*"))
                .map(line -> line.substring(2, line.indexOf(" = "))).collect(Collectors.toSet()))
                .isEqualTo(SettingsFile.keys());
    }

    @Test
    void anUnknownKeyNamesTheFileTheLineAndTheKey() throws Exception {
        Path file = write("state = \"/var/lib/pinkeeper\"\n\nstat = \"/tmp\"\n");
        assertThatThrownBy(() -> SettingsFile.read(file)).isInstanceOf(SettingsFileException.class)
                .hasMessageStartingWith(file + ":3: unknown key 'stat' (known: deploy-hook, directory, ");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheFileTheLineAndTheKey() throws Exception {
        assertThatThrownBy(() -> SettingsFile.read(write("target = \"nginx\"\nstate = 5\n")))
                .hasMessage(dir.resolve("pinkeeper.toml") + ":2: state: a string in quotes, not a number");
        assertThatThrownBy(() -> SettingsFile.read(write("[acme]\ndirectory = \"letsencrypt\"\n")))
                .hasMessage(dir.resolve("pinkeeper.toml") + ":1: unknown key 'acme' (known: "
                        + String.join(", ", SettingsFile.keys()) + ")");
        assertThatThrownBy(() -> SettingsFile.read(write("roots = [\"/a.pem\"]\n")))
                .hasMessage(dir.resolve("pinkeeper.toml") + ":1: roots: a string in quotes, not an array");
    }

    @Test
    void aValueThatCannotWorkIsRefused() throws Exception {
        assertThatThrownBy(() -> SettingsFile.read(write("\nstate = \"var/lib\"\n")))
                .hasMessage(dir.resolve("pinkeeper.toml") + ":2: state: 'var/lib' is not an absolute path");
        assertThatThrownBy(() -> SettingsFile.read(write("target = \"lighttpd\"\n")))
                .hasMessageEndingWith(":1: target: nginx, haproxy, apache or none, not 'lighttpd'");
        assertThatThrownBy(() -> SettingsFile.read(write("notify-after = \"two weeks\"\n")))
                .hasMessageEndingWith(":1: notify-after: 'two weeks' is not a duration (seconds, or a number with s, m, h,"
                        + " d or w)");
        assertThatThrownBy(() -> SettingsFile.read(write("notify-command = \"  \"\n")))
                .hasMessageEndingWith(":1: notify-command: empty");
    }

    @Test
    void aSyntaxErrorNamesItsLine() throws Exception {
        assertThatThrownBy(() -> SettingsFile.read(write("target = \"nginx\"\nstate = /var/lib\n")))
                .hasMessageStartingWith(dir.resolve("pinkeeper.toml") + ":2: ");
    }

    @Test
    void aFileEveryUserMayWriteIsRefused() throws Exception {
        Path file = write("target = \"nginx\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThatThrownBy(() -> SettingsFile.read(file)).hasMessage(file + ": every user may write it, and it names"
                + " commands pinkeeper runs: chmod o-w " + file);
        assertThatThrownBy(() -> SettingsFile.read(dir.resolve("absent.toml")))
                .hasMessage(dir.resolve("absent.toml") + ": no such file");
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("pinkeeper.toml");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }
}
