package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.PinkeeperProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state directory that cannot be used is a clear error naming it (exit 2), never "no site" or an
 * empty listing, and never a state written somewhere else: an empty --state, a file, a folder this
 * user cannot read (another user's 0700 state).
 */
class StateDirectoryErrorsTest {
    private static final int NOBODY = 65534;

    @TempDir
    Path dir;

    @Test
    void anEmptyStateOptionIsRefusedAndWritesNothing() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        PinkeeperProcess.Result result = PinkeeperProcess.run(work, "keys", "init", "--state", "", "--site", "ex",
                "--domain", "ex.test", "--backup", "ec:p256,ec:p384");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).singleElement().asString().startsWith("pinkeeper: --state: ");
        try (Stream<Path> files = Files.list(work)) { // nothing written in the working folder
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aStateThatIsAFileIsRefusedNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("state.txt"), "not a folder\n");
        for (String[] command : new String[][] {{"keys", "list"}, {"plan", "show", "--site", "ex"},
                {"keys", "init", "--site", "ex", "--domain", "ex.test"}}) {
            Cli.Result result = Cli.runWithState(file, command);
            assertThat(result.code()).as(String.join(" ", command) + ": " + result.out() + result.err()).isEqualTo(2);
            assertThat(result.errLines()).singleElement().asString().contains(file.toString()).contains("not a folder");
        }
        assertThat(file).hasContent("not a folder");
    }

    @Test
    void anotherUsersPrivateStateIsAnAccessErrorNotNoSite() throws Exception {
        assumeTrue(isRoot(), "only root can run a command as another user (setpriv)");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path state = dir.resolve("state");
        assertThat(Cli.runWithState(state, "keys", "init", "--site", "ex", "--domain", "ex.test",
                "--backup", "ec:p256,ec:p384").code()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");

        PinkeeperProcess nobody = PinkeeperProcess.asUser(NOBODY, NOBODY, dir.resolve("classpath"));
        for (String[] command : new String[][] {{"plan", "show", "--site", "ex"}, {"keys", "list"}}) {
            String[] args = Stream.concat(Stream.of(command), Stream.of("--state", state.toString())).toArray(String[]::new);
            PinkeeperProcess.Result result = nobody.runIn(dir.resolve("classpath"), args);
            assertThat(result.exitCode()).as(String.join(" ", command) + ": " + result.stdout() + result.stderr())
                    .isEqualTo(2);
            assertThat(result.stderrLines()).singleElement().asString()
                    .startsWith("pinkeeper: " + state + ": ").contains("cannot be read").doesNotContain("no site");
        }
    }

    private static boolean isRoot() throws Exception {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }
}
