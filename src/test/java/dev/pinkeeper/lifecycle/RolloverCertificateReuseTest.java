package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.rehearse.FreePorts;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.rehearse.LocalProcess;
import dev.pinkeeper.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renewal run that rolls a key over uses the certificate of the next key that an earlier run got and did not
 * use (it stopped before the rollover was recorded), while that certificate is valid and not due for renewal:
 * no second order at the CA for it.
 */
class RolloverCertificateReuseTest {
    private static final String SITE = "shop";

    @TempDir
    Path dir;

    @Test
    void aRolloverUsesTheNextKeysCertificateAnEarlierRunGot() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path state = dir.resolve("state");
        try (LocalPebble pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next())) {
            Path root = pebble.writeRoot(dir.resolve("root.pem"));
            ok(Cli.runWithState(state, "keys", "init", "--site", SITE, "--domain", "shop.pinkeeper.test",
                    "--current", "ec:p256", "--backup", "rsa:2048,ec:p256", "--simulated-clock"));
            ok(Cli.runWithState(state, "plan", "init", "--site", SITE, "--report-only-days", "0", "--ramp", "1d",
                    "--key-lifetime", "36h", "--report-uri", "https://reports.pinkeeper.test/hpkp", "--at", t0.toString()));
            ok(Cli.runWithState(state, "issue", "--site", SITE, "--directory", pebble.directoryUrl().toString(),
                    "--acme-trust", pebble.tlsCaFile().toString(), "--roots", root.toString(),
                    "--webroot", Files.createDirectories(dir.resolve("www")).toString(), "--target", "none",
                    "--at", t0.toString()));
            ok(Cli.runWithState(state, "plan", "ramp", "--site", SITE, "--at", t0.plus(Duration.ofHours(1)).toString()));
            ok(Cli.runWithState(state, "deploy", "--site", SITE, "--at", t0.plus(Duration.ofHours(1)).plusSeconds(60).toString()));

            KeyInventory inventory = new KeyInventory(new StateDirectory(state));
            SiteInventory before = inventory.load(SITE);
            KeyEntry current = before.current().get(0);
            KeyEntry next = before.nextFor(current.id()).orElseThrow();
            // what a run that stopped between the next key's certificate and the rollover leaves behind
            ok(Cli.runWithState(state, "issue", "--site", SITE, "--key", next.id(), "--at", t0.toString()));
            Path nextCertificate = inventory.layout(SITE).certificate(next.id());
            String issuedBefore = Files.readString(nextCertificate);
            long orders = orders(dir);

            Instant due = t0.plus(Duration.ofHours(37));
            Cli.Result run = Cli.runWithState(state, "renew", "--at", due.toString());
            assertThat(run.code()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("rolled over key " + current.id() + " to " + next.id());
            assertThat(inventory.load(SITE).current()).extracting(KeyEntry::id).containsExactly(next.id());
            assertThat(Files.readString(nextCertificate)).as("the next key's certificate").isEqualTo(issuedBefore);
            assertThat(orders(dir)).isEqualTo(orders);
        }
    }

    /** How many orders the CA received so far (pebble logs each request). */
    private static long orders(Path dir) {
        return LocalProcess.readLog(dir.resolve("pebble").resolve("pebble.log")).lines()
                .filter(line -> line.contains("POST /order-plz")).count();
    }

    private static void ok(Cli.Result result) {
        assertThat(result.code()).as(result.out() + result.err()).isZero();
    }
}
