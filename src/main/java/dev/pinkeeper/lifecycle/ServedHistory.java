package dev.pinkeeper.lifecycle;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.pin.UserAgent;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.HostTimeline;
import dev.pinkeeper.plan.Schedule;
import dev.pinkeeper.plan.Served;
import dev.pinkeeper.plan.scenario.Scenario;
import dev.pinkeeper.plan.scenario.ScenarioException;
import dev.pinkeeper.plan.scenario.ScenarioReader;
import dev.pinkeeper.plan.scenario.ScenarioWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a site served, since when: the {@link Schedule} the lockout simulator and the rollover gate
 * read, kept as {@code served.json} in the site's folder in the simulator's scenario format (so
 * {@code pinkeeper simulate STATE/sites/SITE/served.json} replays a real site's history). Every
 * successful deployment records its headers and chains here ({@link #markServed}).
 */
public final class ServedHistory {
    /** The file name in the site folder. */
    public static final String FILE = "served.json";

    private final Path file;
    private final String site;

    /** The history of {@code site} kept in {@code siteDirectory}. */
    public ServedHistory(Path siteDirectory, String site) {
        this.file = siteDirectory.resolve(FILE);
        this.site = site;
    }

    /** The history file. */
    public Path file() {
        return file;
    }

    /** What was served so far (empty before the first deployment). */
    public Schedule schedule() throws IOException {
        if (!Files.exists(file)) {
            return Schedule.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new ScenarioReader().read(in, file.toString()).schedule();
        } catch (ScenarioException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The interval served now on {@code host}, if any. */
    public Optional<Served> current(String host) throws IOException {
        return schedule().timeline(host).map(HostTimeline::intervals)
                .filter(intervals -> !intervals.isEmpty()).map(intervals -> intervals.get(intervals.size() - 1));
    }

    /**
     * Records that {@code hosts} serve {@code headers} and {@code chains} from {@code at} on (the open
     * interval before it ends there). Nothing is written when the same headers and chains are served
     * already.
     *
     * @return whether the history changed
     */
    public boolean markServed(List<String> hosts, List<PkpHeader> headers, List<Chain> chains, Instant at)
            throws IOException {
        Schedule before = schedule();
        boolean same = hosts.stream().allMatch(host -> before.timeline(host)
                .map(HostTimeline::intervals).filter(i -> !i.isEmpty()).map(i -> i.get(i.size() - 1))
                .filter(last -> last.open() && last.headers().equals(headers)
                        && new HashSet<>(last.chains()).equals(new HashSet<>(chains)))
                .isPresent());
        if (same) {
            return false;
        }
        Schedule after = before.then(hosts, new Served(at, null, headers, chains));
        write(after);
        return true;
    }

    private void write(Schedule schedule) throws IOException {
        Path dir = file.getParent();
        SafeFiles.privateDirectory(dir);
        Path temporary = dir.resolve("." + FILE + "-" + UUID.randomUUID());
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                new ScenarioWriter().write(new Scenario(site, "what pinkeeper deployed for " + site, null,
                        UserAgent.RFC, null, Map.of(), schedule), out);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            SafeFiles.fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
