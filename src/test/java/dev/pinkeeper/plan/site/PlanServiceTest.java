package dev.pinkeeper.plan.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.Ramp;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.testing.FileSnapshot;

/** The deploy hook ({@link PlanService#markServed}) and the key dates it records. */
class PlanServiceTest {
    @TempDir
    Path temp;

    @Test
    void deployingACertificateForAnUnpinnedKeyIsRefusedAndRecordsNothing() throws Exception {
        KeyInventory inventory = new KeyInventory(new StateDirectory(temp));
        PlanService plans = advancedSite(inventory);
        Instant start = START;
        Instant enforcing = start.plus(Duration.ofDays(7));
        plans.rampStep("s", enforcing);
        PlanView view = plans.view("s", enforcing.plusSeconds(10));
        Map<String, String> files = FileSnapshot.of(temp);
        byte[] digest = new byte[Pin.LENGTH];
        digest[0] = 42;
        Chain unpinned = Chain.of(Pin.ofDigest(digest));
        assertThatThrownBy(() -> plans.markServed("s", view.headers(), List.of(unpinned), enforcing.plusSeconds(10)))
                .isInstanceOf(RefusedStepException.class).hasMessageContaining("lock visitors out");
        assertThat(FileSnapshot.of(temp)).isEqualTo(files);
        // the pinned chain with another intermediate is a renewal: accepted, and the pins' dates are recorded
        Chain renewed = new Chain(null, List.of(view.chains().get(0).leaf(), Pin.ofDigest(new byte[Pin.LENGTH])));
        plans.markServed("s", view.headers(), List.of(renewed), enforcing.plusSeconds(20));
        SiteInventory site = inventory.load("s");
        assertThat(site.pinned()).allSatisfy(k -> assertThat(k.publishedSince()).isEqualTo(start));
        assertThat(site.backups()).allSatisfy(k -> assertThat(k.safeFrom()).isEqualTo(start));
    }

    @Test
    void aViewBeforeTheRecordedHistoryStartsShowsTheWholeRampAhead() throws Exception {
        KeyInventory inventory = new KeyInventory(new StateDirectory(temp));
        PlanService plans = advancedSite(inventory);
        Instant earlier = START.minus(Duration.ofDays(30));

        PlanView view = plans.view("s", earlier);

        assertThat(view.upcoming()).isNotEmpty();
        assertThat(view.upcoming().get(0).at()).isEqualTo(earlier);
        assertThat(view.upcoming().get(0).maxAge()).isNull();
        assertThat(view.upcoming()).hasSize(1 + Ramp.DEFAULT.maxAges().size());
    }

    @Test
    void aRolloverAndAnEmergencyDateTheRetiredKeyWithTheirInstantSoPruneUsesIt() throws Exception {
        KeyInventory inventory = new KeyInventory(new StateDirectory(temp));
        PlanService plans = advancedSite(inventory);
        KeyEntry first = inventory.load("s").current().get(0);
        Instant rolled = START.plus(Duration.ofDays(40));

        KeyChange rollover = plans.rollover("s", null, rolled, true);

        assertThat(rollover.replaced().id()).isEqualTo(first.id());
        assertThat(inventory.load("s").byId(first.id()).orElseThrow().retired()).isEqualTo(rolled);
        assertThat(inventory.prune("s", rolled, false).retiredKeys()).isEmpty();
        assertThat(inventory.prune("s", rolled.plusSeconds(1), false).retiredKeys())
                .extracting(KeyEntry::id).containsExactly(first.id());

        Instant lost = rolled.plus(Duration.ofDays(3));
        KeyEntry second = rollover.promoted();
        KeyChange emergency = plans.emergency("s", inventory.load("s").backups().get(0).id(), null, lost, true);

        assertThat(emergency.replaced().id()).isEqualTo(second.id());
        assertThat(inventory.load("s").byId(second.id()).orElseThrow().retired()).isEqualTo(lost);
    }

    private static final Instant START = Instant.parse("2027-01-01T00:00:00Z");

    /** Site {@code s} with the default plan, its first header served from {@link #START}. */
    private static PlanService advancedSite(KeyInventory inventory) throws Exception {
        inventory.create("s", List.of("s.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        PlanService plans = new PlanService(inventory);
        plans.init("s", PlanSettings.DEFAULT, START);
        plans.advance("s", START, false);
        return plans;
    }
}
