package dev.pinkeeper.lifecycle;

import dev.pinkeeper.site.SiteLayout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.rehearse.FreePorts;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.Pebble;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Certificates of any lifetime (pebble's {@code certificateValidityPeriod} at 6 and 45 days), through the
 * simulated clock: renew leaves a certificate alone until two thirds of its real lifetime (notBefore to
 * notAfter, never an assumed 90 days), renews it from then on with the same key, and {@code issue} refuses
 * to order one that is valid and not yet due unless forced, changing nothing.
 */
class CertificateLifetimeTest {
    private static final String SITE = "short";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} days")
    @ValueSource(ints = {6, 45})
    void renewsTwoThirdsIntoTheRealLifetime(int days) throws Exception {
        Duration lifetime = Duration.ofDays(days);
        try (LocalPebble pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next(), Map.of(), lifetime)) {
            Path state = dir.resolve("state");
            Path root = pebble.writeRoot(dir.resolve("root.pem"));
            Cli.Result init = Cli.runWithState(state, "keys", "init", "--site", SITE, "--domain", "short.pinkeeper.test",
                    "--simulated-clock", "--current", "ec:p256", "--backup", "ec:p256,ec:p384");
            assertThat(init.code()).as(init.err()).isZero();
            List<String> issue = new ArrayList<>(List.of("issue", "--site", SITE, "--target", "none", "--report-uri",
                    "https://reports.pinkeeper.test/hpkp"));
            issue.addAll(Pebble.issueOptions(pebble, root, dir.resolve("www")));
            Cli.Result issued = Cli.runWithState(state, issue.toArray(String[]::new));
            assertThat(issued.code()).as(issued.out() + issued.err()).isZero();

            SiteLayout paths = new KeyInventory(new StateDirectory(state)).layout(SITE);
            String keyId = new KeyInventory(new StateDirectory(state)).load(SITE).current().get(0).id();
            X509Certificate first = TrustRoots.read(paths.certificate(keyId)).get(0);
            Instant notBefore = first.getNotBefore().toInstant();
            assertThat(Duration.between(notBefore, first.getNotAfter().toInstant()))
                    .isBetween(lifetime.minusMinutes(5), lifetime.plusMinutes(5));
            Instant due = notBefore.plus(Duration.between(notBefore, first.getNotAfter().toInstant()).multipliedBy(2).dividedBy(3));

            // not due yet: renew says from when, issue refuses without --force-renewal and changes nothing
            Instant before = due.minus(Duration.ofHours(days == 6 ? 2 : 24)).truncatedTo(ChronoUnit.SECONDS);
            Cli.Result early = Cli.runWithState(state, "renew", "--at", before.toString());
            assertThat(early.code()).as(early.out() + early.err()).isZero();
            assertThat(early.out()).doesNotContain("renewed 1"); // a ramp step may be due by then
            Cli.Result earlyAgain = Cli.runWithState(state, "renew", "--at", before.toString());
            assertThat(earlyAgain.out()).contains("nothing due; next renewal from " + due.truncatedTo(ChronoUnit.SECONDS));
            assertThat(TrustRoots.read(paths.certificate(keyId)).get(0).getSerialNumber()).isEqualTo(first.getSerialNumber());
            Map<String, String> snapshot = FileSnapshot.of(state);
            List<String> again = new ArrayList<>(issue);
            again.addAll(List.of("--at", before.toString()));
            Cli.Result refused = Cli.runWithState(state, again.toArray(String[]::new));
            assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(1);
            assertThat(refused.out()).contains("not due for renewal before " + due.truncatedTo(ChronoUnit.SECONDS));
            assertThat(refused.err()).contains("--force-renewal").hasLineCount(1);
            assertThat(FileSnapshot.of(state)).isEqualTo(snapshot);

            // two thirds in: renewed with the same key
            Instant inWindow = due.plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
            Cli.Result renewed = Cli.runWithState(state, "renew", "--at", inWindow.toString());
            assertThat(renewed.code()).as(renewed.out() + renewed.err()).isZero();
            assertThat(renewed.out()).contains("renewed 1 certificate");
            X509Certificate second = TrustRoots.read(paths.certificate(keyId)).get(0);
            assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
            assertThat(second.getPublicKey()).isEqualTo(first.getPublicKey());
        }
    }
}
