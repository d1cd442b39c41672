package dev.pinkeeper.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;

/**
 * Cheap random two-year site histories for the benchmark, shaped like real deployments: a ramp
 * (report-only, 5 min → 1 day → 1 week → 30 days → 60 days), renewals every 50–70 days, a key
 * rollover every 4–12 months (usually to the pre-published next key, sometimes — like Smashing
 * Magazine — to a key pinned at the same moment), rare emergency backup promotions, sometimes an
 * RSA + EC pair served side by side, and sometimes a subdomain bound by includeSubDomains.
 */
final class RandomSiteSchedules {
    private static final long DAY = 86400;
    private static final long[] RAMP = {300, DAY, 7 * DAY, 30 * DAY, 60 * DAY};
    private final Random random;
    private int keys;

    RandomSiteSchedules(Random random) {
        this.random = random;
    }

    Schedule next(Instant start, Duration period) {
        long t = start.getEpochSecond();
        long end = t + period.getSeconds();
        boolean dual = random.nextInt(4) == 0;
        boolean subdomain = random.nextInt(3) == 0;
        boolean includeSubDomains = subdomain && random.nextBoolean();
        List<Pin> current = new ArrayList<>(List.of(key()));
        if (dual) {
            current.add(key());
        }
        List<Pin> next = new ArrayList<>();
        current.forEach(c -> next.add(key()));
        List<Pin> backups = new ArrayList<>(List.of(key(), key()));
        Pin issuer = key();
        List<ServedPeriod> intervals = new ArrayList<>();
        int stage = -1;
        long stageStart = t;
        long nextRenewal = t + (50 + random.nextInt(21)) * DAY;
        long nextRollover = t + (120 + random.nextInt(240)) * DAY;
        while (t < end) {
            long step = Math.min(nextRenewal, nextRollover);
            if (stage < RAMP.length - 1) {
                step = Math.min(step, stageStart + (stage < 0 ? 7 * DAY : RAMP[stage]));
            }
            step = Math.min(step, end);
            List<Pin> pins = new ArrayList<>(current);
            pins.addAll(next);
            pins.addAll(backups);
            PkpHeader header = new PkpHeader(stage < 0, stage < 0 ? 300L : RAMP[stage], includeSubDomains, null, pins);
            List<Chain> chains = new ArrayList<>();
            for (Pin pin : current) {
                chains.add(new Chain(null, List.of(pin, issuer)));
            }
            intervals.add(new ServedPeriod(Instant.ofEpochSecond(t), step >= end ? null : Instant.ofEpochSecond(step),
                    List.of(header), chains));
            t = step;
            if (stage < RAMP.length - 1 && t == stageStart + (stage < 0 ? 7 * DAY : RAMP[stage])) {
                stage++;
                stageStart = t;
            }
            if (t == nextRenewal) {
                nextRenewal = t + (50 + random.nextInt(21)) * DAY;
                if (random.nextInt(4) == 0) {
                    issuer = key();
                }
            }
            if (t == nextRollover) {
                nextRollover = t + (120 + random.nextInt(240)) * DAY;
                int i = random.nextInt(current.size());
                int kind = random.nextInt(10);
                if (kind == 0) {
                    current.set(i, key());                       // a new key pinned at the same moment
                } else if (kind == 1) {
                    current.set(i, backups.remove(0));           // emergency: promote a backup
                    backups.add(key());
                } else {
                    current.set(i, next.get(i));                 // planned: the pre-published next key
                    next.set(i, key());
                }
            }
        }
        List<HostTimeline> hosts = new ArrayList<>();
        hosts.add(new HostTimeline("example.com", intervals));
        if (subdomain) {
            hosts.add(new HostTimeline("www.example.com", intervals));
        }
        return new Schedule(hosts);
    }

    private Pin key() {
        keys++;
        byte[] digest = new byte[Pin.LENGTH];
        random.nextBytes(digest);
        return Pin.ofDigest(digest);
    }
}
