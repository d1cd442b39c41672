package dev.pinkeeper.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.pin.Pin;

/**
 * Drives a {@link Plan} through a random sequence of operations over a period: clock jumps,
 * renewals keeping the key (sometimes from another intermediate), ramp steps, planned rollovers
 * and emergency backup promotions. Without override, refused steps are skipped (or waited for);
 * with override, rollovers and promotions are forced and each one the gate called unsafe is counted.
 */
final class RandomPlanRun {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<Pin> ISSUERS = List.of(TestPins.pin("R10"), TestPins.pin("R11"), TestPins.pin("E5"));

    /** What a run produced. */
    record Outcome(Plan plan, int operations, int rollovers, int promotions, int rampSteps, int forcedUnsafe) {
    }

    private final Random random;
    private int fresh;

    RandomPlanRun(Random random) {
        this.random = random;
    }

    /**
     * @param override    force rollovers and promotions past the gate and guard
     * @param countUnsafe with override, ask the gate (no margin) about each forced step first
     */
    Outcome run(Duration period, boolean override, boolean countUnsafe) {
        List<PinnedKey> keys = new ArrayList<>();
        int currents = random.nextInt(3) == 0 ? 2 : 1;
        for (int i = 0; i < currents; i++) {
            keys.add(freshKey(KeyRole.CURRENT));
            keys.add(freshKey(KeyRole.NEXT));
        }
        keys.add(freshKey(KeyRole.BACKUP));
        keys.add(freshKey(KeyRole.BACKUP));
        Ramp ramp = random.nextBoolean() ? Ramp.DEFAULT
                : new Ramp(Duration.ofDays(1), List.of(Duration.ofMinutes(5), Duration.ofDays(30)));
        PinPolicy policy = new PinPolicy(keys, List.of(), false, ramp, random.nextBoolean(), null);
        RolloverGate gate = override ? new RolloverGate(new LockoutSimulator(), Duration.ZERO) : new RolloverGate();
        Plan plan = Plan.start(policy, List.of("example.com", "www.example.com"), List.of(ISSUERS.get(0)), START,
                gate, new PlanGuard());
        Instant end = START.plus(period);
        int operations = 0;
        int rollovers = 0;
        int promotions = 0;
        int rampSteps = 0;
        int forcedUnsafe = 0;
        // some runs roll keys over rarely (and so, even forced, mostly safely), others often
        int risky = random.nextInt(3) == 0 ? 98 : 75;
        while (plan.now().isBefore(end)) {
            int op = random.nextInt(100);
            if (op >= 75 && op < risky) {
                op = random.nextInt(75);
            }
            operations++;
            try {
                if (op < 45) {
                    plan = plan.advance(randomJump());
                    continue;
                } else if (op < 60) {
                    plan = plan.renew(List.of(ISSUERS.get(random.nextInt(ISSUERS.size()))));
                } else if (op < 75) {
                    plan = plan.rampStep();
                    rampSteps++;
                } else if (op < 90) {
                    Pin retiring = pick(plan.policy().keys(KeyRole.CURRENT)).pin();
                    Pin next = pick(plan.policy().keys(KeyRole.NEXT)).pin();
                    if (override && countUnsafe && !gate.check(plan.history(), plan.hosts(), chain(plan, next), plan.now()).safe()) {
                        forcedUnsafe++;
                    }
                    plan = plan.rollover(retiring, next, freshKey(KeyRole.NEXT), override);
                    rollovers++;
                } else {
                    Pin lost = pick(plan.policy().keys(KeyRole.CURRENT)).pin();
                    Pin backup = pick(plan.policy().keys(KeyRole.BACKUP)).pin();
                    if (override && countUnsafe && !gate.checkEmergency(plan.history(), plan.hosts(), chain(plan, backup),
                            plan.now()).safe()) {
                        forcedUnsafe++;
                    }
                    plan = plan.promoteBackup(lost, backup, freshKey(KeyRole.BACKUP), override);
                    promotions++;
                }
            } catch (RefusedStepException refused) {
                if (refused.allowedFrom() != null && random.nextBoolean()) {
                    plan = plan.advance(Duration.between(plan.now(), refused.allowedFrom()));
                    continue;
                }
            }
            // every step is served for at least a moment before the next one
            plan = plan.advance(Duration.ofSeconds(1 + random.nextInt(600)));
        }
        return new Outcome(plan, operations, rollovers, promotions, rampSteps, forcedUnsafe);
    }

    private Chain chain(Plan plan, Pin leaf) {
        List<Pin> pins = new ArrayList<>();
        pins.add(leaf);
        pins.addAll(plan.issuerPins());
        return new Chain(null, pins);
    }

    private Duration randomJump() {
        return switch (random.nextInt(3)) {
            case 0 -> Duration.ofMinutes(1 + random.nextInt(120));
            case 1 -> Duration.ofHours(1 + random.nextInt(72));
            default -> Duration.ofDays(1 + random.nextInt(40));
        };
    }

    private PinnedKey pick(List<PinnedKey> keys) {
        return keys.get(random.nextInt(keys.size()));
    }

    private PinnedKey freshKey(KeyRole role) {
        fresh++;
        return new PinnedKey(TestPins.pin("key-" + fresh + "-" + random.nextLong()), role, fresh % 2 == 0 ? "EC" : "RSA");
    }
}
