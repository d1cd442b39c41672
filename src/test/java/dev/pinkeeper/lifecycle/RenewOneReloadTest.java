package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.deploy.TlsProbe;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.rehearse.FreePorts;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.Nginx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pinkeeper renew} over three sites served by one real nginx: the ramp step due on every site is
 * deployed for all of them with one reload of nginx (not one per site), each site's probe sees its key,
 * and each site's live release carries its enforcing header; a second run reloads nothing.
 */
class RenewOneReloadTest {
    private static final int SITES = 3;

    @TempDir
    Path dir;

    @Test
    void sitesOfOneServerAreDeployedWithOneReload() throws Exception {
        Path state = dir.resolve("state");
        try (LocalPebble pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next())) {
            Path root = pebble.writeRoot(dir.resolve("root.pem"));
            Path www = Files.createDirectories(dir.resolve("www"));
            int[] ports = new int[SITES];
            StringBuilder servers = new StringBuilder();
            for (int i = 0; i < SITES; i++) {
                String site = "site" + i;
                assertThat(cli(state, "keys", "init", "--site", site, "--domain", site + ".pinkeeper.test",
                        "--simulated-clock", "--backup", "ec:p256,ec:p384").code()).isZero();
                Cli.Result issued = cli(state, "issue", "--site", site, "--directory", pebble.directoryUrl().toString(),
                        "--acme-trust", pebble.tlsCaFile().toString(), "--roots", root.toString(), "--webroot",
                        www.toString(), "--target", "none", "--report-uri", "https://reports.pinkeeper.test/hpkp");
                assertThat(issued.code()).as(issued.out() + issued.err()).isZero();
                ports[i] = FreePorts.next();
                servers.append(Nginx.releaseServer(ports[i], live(state, site)));
            }
            try (Nginx nginx = Nginx.start(dir.resolve("nginx"), servers.toString(), ports)) {
                for (int i = 0; i < SITES; i++) {
                    List<String> deploy = new ArrayList<>(List.of("deploy", "--site", "site" + i,
                            "--probe", "127.0.0.1:" + ports[i]));
                    deploy.addAll(nginx.deployOptions());
                    Cli.Result deployed = cli(state, deploy.toArray(String[]::new));
                    assertThat(deployed.code()).as(deployed.out() + deployed.err()).isZero();
                }
                int reloadsBefore = nginx.reloadCount();
                Instant rampDue = Instant.now().plus(Duration.ofDays(7)).plus(Duration.ofHours(1))
                        .truncatedTo(ChronoUnit.SECONDS);

                Cli.Result renewed = cli(state, "renew", "--at", rampDue.toString());

                assertThat(renewed.code()).as(renewed.out() + renewed.err()).isZero();
                assertThat(renewed.out().lines().filter(l -> l.contains("ramp step to max-age=300"))).hasSize(SITES);
                assertThat(renewed.out()).contains(SITES + " renewed or advanced");
                assertThat(nginx.reloadCount()).isEqualTo(reloadsBefore + 1);
                KeyInventory inventory = new KeyInventory(new StateDirectory(state));
                for (int i = 0; i < SITES; i++) {
                    String site = "site" + i;
                    assertThat(Files.readString(live(state, site).resolve("headers-nginx.conf")))
                            .contains("Public-Key-Pins ").doesNotContain("Report-Only");
                    assertThat(new TlsProbe("127.0.0.1", ports[i], site + ".pinkeeper.test", Duration.ofSeconds(5))
                            .servedLeafPin()).isEqualTo(inventory.load(site).current().get(0).pin());
                }

                Cli.Result again = cli(state, "renew", "--at", rampDue.plusSeconds(60).toString());
                assertThat(again.code()).as(again.out() + again.err()).isZero();
                assertThat(again.out()).contains("0 renewed or advanced");
                assertThat(nginx.reloadCount()).isEqualTo(reloadsBefore + 1);
            }
        }
    }

    private static Path live(Path state, String site) {
        return state.resolve("sites").resolve(site).resolve("deploy").resolve("live");
    }

    private static Cli.Result cli(Path state, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--state=" + state);
        return Cli.run(all.toArray(String[]::new));
    }
}
