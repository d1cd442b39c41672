package dev.pinkeeper.plan.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.plan.Ramp;

/** The key lifetime setting and the rotations a plan view reports ({@link PlanView#rotations()}). */
class PlanRotationTest {
    private static final Instant START = Instant.parse("2027-01-01T00:00:00Z");
    private static final Ramp ONE_DAY = new Ramp(Duration.ZERO, List.of(Duration.ofDays(1)));

    @TempDir
    Path temp;

    @Test
    void aKeyIsDueAfterItsLifetimeSafeWhenItsNextKeyWasPinnedThroughoutAndHeldBackOtherwise() throws Exception {
        PlanService plans = site(Duration.ofDays(1));
        KeyEntry first = plans.inventory().load("s").current().get(0);

        assertThat(plans.view("s", START.plus(Duration.ofHours(12))).dueRotations()).isEmpty();
        Rotation early = plans.view("s", START.plus(Duration.ofHours(12))).rotations().get(0);
        assertThat(early.current().id()).isEqualTo(first.id());
        assertThat(early.servedSince()).isEqualTo(START);
        assertThat(early.dueAt()).isEqualTo(START.plus(Duration.ofDays(1)));

        // the next key was in every header since the start: due and safe
        Instant due = START.plus(Duration.ofDays(1)).plusSeconds(3600);
        PlanView atDue = plans.view("s", due);
        assertThat(atDue.dueRotations()).hasSize(1);
        assertThat(atDue.dueRotations().get(0).safe()).isTrue();
        assertThat(atDue.dueRotations().get(0).waitUntil()).isNull();

        KeyChange change = plans.rollover("s", first.id(), due, false);
        // the new current key's lifetime counts from the rollover; its fresh next key was pinned only from then on,
        // while headers without it (max-age 1 day) were served until the second before
        Instant again = due.plus(Duration.ofDays(1)).plusSeconds(60);
        Rotation held = plans.view("s", again).dueRotations().get(0);
        assertThat(held.current().id()).isEqualTo(change.promoted().id());
        assertThat(held.next().key().id()).isEqualTo(change.generated().id());
        assertThat(held.servedSince()).isEqualTo(due);
        assertThat(held.safe()).isFalse();
        Instant safe = due.minusSeconds(1).plus(Duration.ofDays(1)).plus(Duration.ofDays(1));
        assertThat(held.waitUntil()).isEqualTo(safe);
        assertThat(held.describe(again)).isEqualTo("rollover due, waiting until " + safe + " (pin published since " + due + ")");
        assertThatThrownBy(() -> plans.rollover("s", null, again, false)).isInstanceOf(
                dev.pinkeeper.plan.RefusedStepException.class);
        assertThat(plans.view("s", safe).dueRotations().get(0).safe()).isTrue();
    }

    @Test
    void withoutAKeyLifetimeNothingIsEverDue() throws Exception {
        PlanService plans = site(null);
        Rotation rotation = plans.view("s", START.plus(Duration.ofDays(3650))).rotations().get(0);
        assertThat(rotation.dueAt()).isNull();
        assertThat(rotation.dueAt(START.plus(Duration.ofDays(3650)))).isFalse();
        assertThat(plans.load("s").settings().keyLifetime()).isNull();
    }

    @Test
    void theLifetimeIsKeptInThePlanAndAPlanWrittenBeforeTheSettingGetsTheDefault() throws Exception {
        PlanService plans = site(Duration.ofDays(90));
        assertThat(plans.load("s").settings().keyLifetime()).isEqualTo(Duration.ofDays(90));

        Path version;
        try (var files = Files.list(plans.store().folder("s"))) {
            version = files.sorted().reduce((a, b) -> b).orElseThrow();
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = (ObjectNode) mapper.readTree(Files.readAllBytes(version));
        assertThat(json.path("settings").path("keyLifetimeSeconds").asLong()).isEqualTo(90L * 86400);
        ((ObjectNode) json.get("settings")).remove("keyLifetimeSeconds");
        StoredPlan old = PlanJson.parse(mapper.writeValueAsBytes(json), "old");
        assertThat(old.settings().keyLifetime()).isEqualTo(PlanSettings.DEFAULT_KEY_LIFETIME).isEqualTo(Duration.ofDays(365));
    }

    /** A site whose report-only header was served from {@link #START} and max-age=1d from one second later. */
    private PlanService site(Duration keyLifetime) throws Exception {
        KeyInventory inventory = new KeyInventory(new StateDirectory(temp));
        inventory.create("s", List.of("s.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        PlanService plans = new PlanService(inventory);
        plans.init("s", new PlanSettings(ONE_DAY, false, null, false, List.of(), List.of(), keyLifetime), START);
        plans.advance("s", START, false);
        plans.rampStep("s", START.plusSeconds(1));
        return plans;
    }
}
