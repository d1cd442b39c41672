package dev.pinkeeper.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development launcher builds only in a checkout; no unit or script points at it. */
class DevelopmentLauncherTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void outsideACheckoutItNeverRunsMaven(@TempDir Path dir) throws IOException {
        // the launcher copied (or symlinked) somewhere without pom.xml, src/ or a built jar
        Files.copy(ROOT.resolve("pinkeeper"), dir.resolve("pinkeeper"), StandardCopyOption.COPY_ATTRIBUTES);
        Processes.Output run = Processes.sh(dir, "./pinkeeper --version");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("pinkeeper: " + dir.toRealPath() + " is not a pinkeeper checkout"
                + " (no pom.xml and src/) and has no built jar: install the package (scripts/package.sh makes it)");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("no build started").containsExactly(dir.resolve("pinkeeper"));
        }
    }

    @Test
    void theSystemdUnitsRunTheInstalledCommand() throws IOException {
        try (Stream<Path> units = Files.list(ROOT.resolve("contrib/systemd"))) {
            units.forEach(unit -> {
                try {
                    Files.readAllLines(unit).stream().filter(line -> line.startsWith("Exec")).forEach(line ->
                            assertThat(line).as(unit.toString()).matches("Exec(Start|StopPost)=-?/usr/bin/pinkeeper .*"));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }
}
