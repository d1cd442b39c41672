package dev.pinkeeper.lifecycle;

import dev.pinkeeper.site.SiteLayout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.rehearse.FreePorts;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FakeAcmeDirectory;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.Pebble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --profile} and rate limits. A real pebble 2.4 advertises no profiles: a profile is refused
 * there, saying so. The acceptance, and a CA's {@code rateLimited} answer with its Retry-After, come
 * from {@link FakeAcmeDirectory} (a directory document and canned answers, not a CA): the order carries
 * the profile; the limit is recorded so that the next {@code issue} fails at once and {@code renew}
 * waits, saying until when, without asking the CA again.
 */
class ProfileAndRateLimitTest {
    private static final String SITE = "limited";

    @TempDir
    Path dir;

    Path site() {
        Path state = dir.resolve("state");
        Cli.initSite(state, SITE, "limited.pinkeeper.test");
        return state;
    }

    @Test
    void aProfileIsRefusedByAPebbleThatAdvertisesNone() throws Exception {
        Path state = site();
        try (LocalPebble pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next())) {
            List<String> args = new ArrayList<>(List.of("issue", "--site", SITE, "--no-deploy", "--profile", "shortlived"));
            args.addAll(Pebble.issueOptions(pebble, pebble.writeRoot(dir.resolve("root.pem")), dir.resolve("www")));
            Cli.Result refused = Cli.usageErrorChangingNothing(state, "--profile", args.toArray(String[]::new));
            assertThat(refused.err()).contains("offers no certificate profiles");
        }
    }

    @Test
    void aProfileTheDirectoryDoesNotOfferIsRefusedListingTheOfferedOnes() throws Exception {
        Path state = site();
        try (FakeAcmeDirectory ca = FakeAcmeDirectory.start(List.of("classic", "shortlived", "tlsserver"), 3600)) {
            Cli.Result refused = Cli.usageErrorChangingNothing(state, "--profile", "issue", "--site", SITE, "--no-deploy",
                    "--directory", ca.directoryUrl().toString(), "--webroot", Files.createDirectories(dir.resolve("www")).toString(),
                    "--profile", "longlived");
            assertThat(refused.err()).contains("it offers: classic, shortlived, tlsserver");
            assertThat(ca.orders()).isEmpty();
        }
    }

    @Test
    void anOfferedProfileIsOrderedAndARateLimitIsRecordedAndHonoured() throws Exception {
        Path state = site();
        try (FakeAcmeDirectory ca = FakeAcmeDirectory.start(List.of("classic", "shortlived"), 7200)) {
            String[] issue = {"issue", "--site", SITE, "--no-deploy", "--directory", ca.directoryUrl().toString(),
                    "--webroot", Files.createDirectories(dir.resolve("www")).toString(), "--profile", "shortlived"};
            Instant before = Instant.now();
            Cli.Result limited = Cli.runWithState(state, issue);
            assertThat(limited.code()).as(limited.out() + limited.err()).isEqualTo(1);
            assertThat(limited.err()).contains("rate limited").contains("retry after");
            assertThat(ca.orders()).hasSize(1);
            assertThat(ca.orders().get(0).payload()).contains("\"profile\":\"shortlived\"");

            SiteLayout paths = new KeyInventory(new StateDirectory(state)).layout(SITE);
            RateLimitHold hold = RateLimitHold.active(paths, "primary", Instant.now());
            assertThat(hold).isNotNull();
            assertThat(hold.until()).isBetween(before.plusSeconds(7200 - 5), Instant.now().plusSeconds(7200 + 5));

            // the next issue does not ask the CA again before its Retry-After
            Map<String, String> snapshot = FileSnapshot.of(state);
            Cli.Result again = Cli.runWithState(state, issue);
            assertThat(again.code()).isEqualTo(1);
            assertThat(again.err()).contains("waiting until " + hold.until());
            assertThat(ca.orders()).hasSize(1);
            assertThat(FileSnapshot.of(state)).isEqualTo(snapshot);

            // nor does the timer's renew: it waits, saying until when
            SiteSettingsStore store = new SiteSettingsStore(paths);
            store.updateAcme(new AcmeSettings(new CaSettings(ca.directoryUrl().toString(), null, null, null, "shortlived"),
                    null, "http-01", dir.resolve("www").toString(), null, null, null, List.of()));
            store.updateDeploy(new DeploySettings("none", null, List.of(), null, null, null, null, null, null, null,
                    "https://reports.pinkeeper.test/hpkp", null, List.of()));
            Cli.Result renew = Cli.runWithState(state, "renew", "--json");
            assertThat(renew.code()).as(renew.out() + renew.err()).isZero();
            assertThat(renew.json().path("sites").get(0).path("outcome").asText()).isEqualTo("waiting");
            assertThat(renew.json().path("sites").get(0).path("message").asText())
                    .contains("waits until " + hold.until()).contains("rate-limited");
            assertThat(renew.json().path("sites").get(0).path("waitUntil").asText()).isEqualTo(hold.until().toString());
            assertThat(ca.orders()).hasSize(1);
        }
    }
}
