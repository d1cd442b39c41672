package dev.pinkeeper.lifecycle;

import dev.pinkeeper.server.Haproxy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.deploy.TlsProbe;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.rehearse.FreePorts;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.HaproxyDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** issue → deploy to a real HAProxy (pid-file reload), then a planned rollover served by HAProxy. */
class HaproxyIssueDeployTest {
    private static final String SITE = "api";
    private static final String HOST = "api.pinkeeper.test";

    @TempDir
    Path dir;

    @Test
    void haproxyServesThePinnedKeyAndAfterARolloverTheNextOne() throws Exception {
        Path state = dir.resolve("state");
        try (LocalPebble pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next())) {
            Path root = pebble.writeRoot(dir.resolve("root.pem"));
            assertThat(cli(state, "keys", "init", "--site", SITE, "--domain", HOST, "--backup", "rsa:2048,ec:p256").code())
                    .isZero();
            Cli.Result issued = cli(state, "issue", "--site", SITE, "--directory", pebble.directoryUrl().toString(),
                    "--acme-trust", pebble.tlsCaFile().toString(), "--roots", root.toString(),
                    "--webroot", Files.createDirectories(dir.resolve("www")).toString(), "--target", "none");
            assertThat(issued.code()).as(issued.out() + issued.err()).isZero();

            KeyInventory inventory = new KeyInventory(new StateDirectory(state));
            Pin first = inventory.load(SITE).current().get(0).pin();
            Pin next = inventory.load(SITE).nextFor(inventory.load(SITE).current().get(0).id()).orElseThrow().pin();
            int port = FreePorts.next();
            Path live = state.resolve("sites").resolve(SITE).resolve("deploy/live");
            // the lines pasted once, as `header haproxy` prints them
            Cli.Result printed = cli(state, "header", "haproxy", "--site", SITE);
            assertThat(printed.code()).as(printed.err()).isZero();
            String frontendLines = printed.out();
            assertThat(frontendLines.strip().split("\n")).containsExactlyElementsOf(
                    Haproxy.linesReadingMap(live.resolve("headers-haproxy.map")));
            try (HaproxyDaemon haproxy = HaproxyDaemon.start(dir.resolve("haproxy"), """
                    frontend site
                      bind 127.0.0.1:%d ssl crt %s/haproxy.pem
                    %s
                      http-request return status 200 content-type text/plain string ok
                    """.formatted(port, live, frontendLines.indent(2).stripTrailing()), port)) {
                TlsProbe probe = new TlsProbe("127.0.0.1", port, HOST, Duration.ofSeconds(5));
                assertThat(probe.servedLeafPin()).isEqualTo(first);
                List<String> haproxyOptions = List.of("--target", "haproxy", "--haproxy-cfg", haproxy.config().toString(),
                        "--haproxy-pid-file", haproxy.pidFile().toString(), "--probe", "127.0.0.1:" + port);
                // a config with the header lines copied in instead of the map: refused, nothing switched
                Path copied = Files.writeString(dir.resolve("copied.cfg"), Files.readString(haproxy.config())
                        .replace(frontendLines.indent(2).stripTrailing(), ""));
                assertThat(Files.readString(copied)).doesNotContain("headers-haproxy.map");
                Path liveBefore = Files.readSymbolicLink(live);
                Cli.Result refused = cli(state, "deploy", "--site", SITE, "--target", "haproxy", "--haproxy-cfg",
                        copied.toString(), "--haproxy-pid-file", haproxy.pidFile().toString());
                assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(1);
                assertThat(refused.out() + refused.err()).contains("does not read " + live.resolve("headers-haproxy.map"))
                        .contains("http-after-response set-header Public-Key-Pins \"%[str(Public-Key-Pins),map(");
                assertThat(Files.readSymbolicLink(live)).isEqualTo(liveBefore);

                List<String> deploy = new ArrayList<>(List.of("deploy", "--site", SITE));
                deploy.addAll(haproxyOptions);
                Cli.Result deployed = cli(state, deploy.toArray(String[]::new));
                assertThat(deployed.code()).as(deployed.out() + deployed.err()).isZero();
                assertThat(deployed.out()).contains("haproxy reloaded");

                Instant later = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
                Cli.Result rolled = cli(state, "issue", "--site", SITE, "--rollover", "--at", later.toString());
                assertThat(rolled.code()).as(rolled.out() + rolled.err()).isZero();
                assertThat(rolled.out()).contains("rollover:").contains("haproxy reloaded");
                assertThat(probe.servedLeafPin()).isEqualTo(next);
            }
        }
    }

    private static Cli.Result cli(Path state, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--state=" + state);
        return Cli.run(all.toArray(String[]::new));
    }
}
