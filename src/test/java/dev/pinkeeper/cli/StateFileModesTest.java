package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.rehearse.LocalNginx;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Nginx;
import dev.pinkeeper.testing.PinkeeperProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site's whole life (keys init, plan init, issue on pebble, deploy to nginx, renew, a CSR file)
 * run by pinkeeper processes started under {@code umask 000}: nothing in the state directory is
 * readable, writable or searchable by group or others, and the only files pinkeeper makes public are
 * the http-01 responses in the web root (served by the web server's unprivileged workers), whatever
 * the umask.
 */
class StateFileModesTest {
    private static final String SITE = "shop";
    private static final String HOST = "shop.pinkeeper.test";
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @TempDir
    Path dir;

    @Test
    void theLifecycleUnderUmask000LeavesNothingReadableOrWritableByOthers() throws Exception {
        Path state = dir.resolve("state");
        PinkeeperProcess open = PinkeeperProcess.underUmask("000");
        try (LocalPebble pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next())) {
            Path root = pebble.writeRoot(dir.resolve("root.pem"));
            ok(open.runIn(dir, "keys", "init", "--simulated-clock", "--site", SITE, "--domain", HOST, "--current", "ec:p256",
                    "--backup", "rsa:2048,ec:p256", "--state", state.toString()));
            ok(open.runIn(dir, "plan", "init", "--site", SITE, "--report-uri", "https://reports.pinkeeper.test/hpkp",
                    "--state", state.toString()));
            java.nio.file.Files.createDirectories(dir.resolve("www")); // issue checks the webroot exists
            ok(open.runIn(dir, "issue", "--site", SITE, "--directory", pebble.directoryUrl().toString(),
                    "--acme-trust", pebble.tlsCaFile().toString(), "--roots", root.toString(),
                    "--webroot", dir.resolve("www").toString(), "--target", "none", "--state", state.toString()));

            int port = FreePorts.next();
            Path live = state.resolve("sites").resolve(SITE).resolve("deploy").resolve("live");
            try (LocalNginx nginx = LocalNginx.start(dir.resolve("nginx"), Nginx.releaseServer(port, live), port)) {
                List<String> deploy = new ArrayList<>(List.of("deploy", "--site", SITE, "--target", "nginx",
                        "--nginx-conf", nginx.config().toString(), "--probe", "127.0.0.1:" + port,
                        "--state", state.toString()));
                nginx.commandLineOptions().forEach(option -> deploy.add("--nginx-option=" + option));
                ok(open.runIn(dir, deploy.toArray(String[]::new)));
                Instant rampStep = Instant.now().plus(Duration.ofDays(7)).plus(Duration.ofHours(1))
                        .truncatedTo(ChronoUnit.SECONDS);
                PinkeeperProcess.Result renewed = ok(open.runIn(dir, "renew", "--at", rampStep.toString(),
                        "--state", state.toString()));
                assertThat(renewed.stdout()).contains("ramp step");
            }
            ok(open.runIn(dir, "keys", "csr", "--site", SITE, "--out", dir.resolve("shop.csr").toString(),
                    "--state", state.toString()));
            assertThat(mode(dir.resolve("shop.csr"))).isEqualTo("rw-------");

            assertThat(openToOthers(state)).as("files and folders of the state open to group or others").isEmpty();
            // the named exception: http-01 responses are served by the web server's workers
            assertThat(mode(dir.resolve("www/.well-known"))).isEqualTo("rwxr-xr-x");
            assertThat(mode(dir.resolve("www/.well-known/acme-challenge"))).isEqualTo("rwxr-xr-x");

            // a restrictive umask must not hide the http-01 responses from the web server either
            java.nio.file.Files.createDirectories(dir.resolve("www2"));
            ok(PinkeeperProcess.underUmask("077").runIn(dir, "issue", "--site", SITE, "--no-deploy", "--force-renewal",
                    "--webroot", dir.resolve("www2").toString(), "--state", state.toString()));
            assertThat(mode(dir.resolve("www2/.well-known"))).isEqualTo("rwxr-xr-x");
            assertThat(mode(dir.resolve("www2/.well-known/acme-challenge"))).isEqualTo("rwxr-xr-x");
        }
    }

    private static PinkeeperProcess.Result ok(PinkeeperProcess.Result result) {
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        return result;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    /** Every file and folder under {@code root} (symlinks aside: their mode means nothing) that group or others may use. */
    private static List<String> openToOthers(Path root) throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                if (Files.isSymbolicLink(path)) {
                    continue;
                }
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                    open.add(PosixFilePermissions.toString(permissions) + " " + root.relativize(path));
                }
            }
        }
        return open;
    }
}
