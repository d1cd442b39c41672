package dev.pinkeeper.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Plain benchmark (bench/simulate.sh): generates random two-year site histories
 * ({@link RandomSiteSchedules}: ramp, renewals, planned rollovers, some unsafe ones and emergency
 * promotions, RSA + EC pairs, subdomains), then times {@link LockoutSimulator#simulate} over all of
 * them in rounds and prints schedules per second (wall clock and CPU time of the timing thread).
 * Arguments: [schedules (10000)] [rounds (5)] [seed (1)].
 */
public final class SimulateBenchmark {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private SimulateBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        Random random = new Random(seed);
        long generateStart = System.nanoTime();
        List<Schedule> schedules = new ArrayList<>(count);
        long intervals = 0;
        RandomSiteSchedules generator = new RandomSiteSchedules(random);
        for (int i = 0; i < count; i++) {
            Schedule schedule = generator.next(RandomPlanRun.START, Duration.ofDays(730));
            schedules.add(schedule);
            for (HostTimeline timeline : schedule.hosts()) {
                intervals += timeline.intervals().size();
            }
        }
        double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
        System.out.printf("generated %d schedules over two years (%.1f intervals each on average) in %.1f s%n",
                count, (double) intervals / count, generateSeconds);
        LockoutSimulator simulator = new LockoutSimulator();
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            long cpuStart = CPU.getCurrentThreadCpuTime();
            int withLockouts = 0;
            for (Schedule schedule : schedules) {
                if (!simulator.simulate(schedule).lockoutFree()) {
                    withLockouts++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf("round %d: %d schedules simulated in %.3f s = %.0f schedules/second"
                            + " (CPU time %.3f s = %.0f schedules/CPU-second; %d with lockouts)%n",
                    round, count, seconds, count / seconds, cpuSeconds, count / cpuSeconds, withLockouts);
        }
    }
}
