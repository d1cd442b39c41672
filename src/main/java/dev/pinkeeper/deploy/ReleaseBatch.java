package dev.pinkeeper.deploy;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.pinkeeper.server.ServerException;
import dev.pinkeeper.server.ServerNotRunningException;
import dev.pinkeeper.server.ServerTarget;

/**
 * Deploys the releases of many sites served by one server: one config test and at most one reload for all
 * of them, each site otherwise as {@link ReleaseSwitch#deploy} does it ({@link #deployAll}). An instance is
 * one batch in progress, its site locks held.
 */
public final class ReleaseBatch {
    private final List<ReleaseSwitch> switches;
    private final ServerTarget server;
    private final SwitchResult[] results;
    private final SwitchRun[] runs;

    private ReleaseBatch(List<ReleaseSwitch> switches) {
        this.switches = switches;
        this.server = switches.get(0).server();
        this.results = new SwitchResult[switches.size()];
        this.runs = new SwitchRun[switches.size()];
    }

    /**
     * {@link ReleaseSwitch#deploy} for many sites served by one server, with one config test and at most one
     * reload for all: each release is written and checked under its site's lock (taken in the order of the
     * site folders, so two batches never wait for each other), every {@code live} is swapped, the server's
     * config test runs once, the server is reloaded once if any site's content changed, then each site's
     * probes must see its release. A site that a check rejects is left out before anything changes. When the
     * one config test or the reload fails, every link is put back and each site is switched on its own, as
     * {@link ReleaseSwitch#deploy} does (which finds the release at fault); a site whose probe fails is rolled
     * back on its own. {@code switches} must all name the same server (the first one's tests and reloads it).
     *
     * @return one result per switch, in order
     */
    public static List<SwitchResult> deployAll(List<ReleaseSwitch> switches, List<ReleaseContent> contents)
            throws IOException {
        if (switches.size() != contents.size()) {
            throw new IllegalArgumentException("one content per switch");
        }
        if (switches.size() == 1) {
            return List.of(switches.get(0).deploy(contents.get(0)));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < switches.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> switches.get(i).store().siteDirectory().toAbsolutePath().normalize()));
        List<Closeable> locks = new ArrayList<>();
        try {
            for (int i : order) {
                locks.add(switches.get(i).store().lock());
            }
            return new ReleaseBatch(switches).run(contents);
        } finally {
            closeAll(locks);
        }
    }

    private static void closeAll(List<Closeable> locks) throws IOException {
        IOException failure = null;
        for (Closeable lock : locks) {
            try {
                lock.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private List<SwitchResult> run(List<ReleaseContent> contents) throws IOException {
        // every check of every site before any link changes
        List<Integer> active = new ArrayList<>();
        for (int i = 0; i < switches.size(); i++) {
            if (prepare(i, contents.get(i))) {
                active.add(i);
            }
        }
        pointAllLive(active);
        if (testConfig(active)) {
            reloadChanged(active);
        }
        return List.of(results);
    }

    /** The first steps of {@link ReleaseSwitch#deploy} for one site; false (its result set) when rejected. */
    private boolean prepare(int i, ReleaseContent content) throws IOException {
        SwitchRun run = new SwitchRun(switches.get(i));
        runs[i] = run;
        Optional<SwitchResult> refused = run.refuseUnlessServable(content);
        if (refused.isPresent()) {
            results[i] = refused.get();
            return false;
        }
        run.write(content);
        Optional<SwitchResult> rejected = run.check();
        if (rejected.isPresent()) {
            results[i] = run.removeIfRejected(rejected.get());
            return false;
        }
        return true;
    }

    /** Swaps every {@code live}; a link that cannot be swapped stops the batch, the ones swapped go back. */
    private void pointAllLive(List<Integer> active) throws IOException {
        List<Integer> pointed = new ArrayList<>();
        try {
            for (int i : active) {
                runs[i].pointLive();
                pointed.add(i);
            }
        } catch (IOException | RuntimeException e) {
            for (int i : pointed) {
                runs[i].restoreLink();
            }
            throw e;
        }
    }

    /**
     * The one config test: true when it passed; else every link is put back and each site switched on its
     * own (its own config test says which release fails), and false.
     */
    private boolean testConfig(List<Integer> active) throws IOException {
        try {
            server.configTest();
            for (int i : active) {
                runs[i].step(server.name() + " config test passed (one test for " + active.size() + " sites)");
            }
            return true;
        } catch (ServerException e) {
            for (int i : active) {
                runs[i].restoreLink();
                runs[i].step(server.name() + " config test of the batch failed: each site on its own");
            }
            for (int i : active) {
                results[i] = runs[i].executeWritten();
            }
            return false;
        }
    }

    /** One reload for the sites whose content changed, then each site's probes (a failing one rolls back alone). */
    private void reloadChanged(List<Integer> active) throws IOException {
        List<Integer> changed = new ArrayList<>();
        String[] hashes = new String[switches.size()];
        for (int i : active) {
            hashes[i] = ContentHash.of(runs[i].next(), server.configFiles());
            if (switches.get(i).store().servedHash().map(hashes[i]::equals).orElse(false)) {
                runs[i].step("content unchanged (sha256 " + hashes[i].substring(0, 16) + "…): no reload");
                results[i] = runs[i].result(SwitchResult.Outcome.UNCHANGED, null);
            } else {
                changed.add(i);
            }
        }
        if (changed.isEmpty() || !reload(changed)) {
            return;
        }
        for (int i : changed) {
            runs[i].step(server.name() + " reloaded (one reload for " + changed.size() + " sites)");
            try {
                runs[i].probe(runs[i].next());
                switches.get(i).store().recordServedHash(hashes[i]);
                results[i] = runs[i].result(SwitchResult.Outcome.SWITCHED, null);
            } catch (ServerException e) {
                results[i] = runs[i].rollBack(e.getMessage());
            }
        }
    }

    /** The one reload: true when it took; else each changed site's result is set (not running, or rolled back). */
    private boolean reload(List<Integer> changed) throws IOException {
        for (int i : changed) {
            switches.get(i).store().forgetServedHash();
            runs[i].reloading();
        }
        try {
            server.reload();
            return true;
        } catch (ServerNotRunningException e) {
            for (int i : changed) {
                results[i] = runs[i].notRunning(e);
            }
            return false;
        } catch (ServerException e) {
            // every link back first, so that no rollback's reload serves another site's unprobed release
            for (int i : changed) {
                runs[i].restoreLink();
            }
            for (int i : changed) {
                results[i] = runs[i].rollBack(e.getMessage());
            }
            return false;
        }
    }
}
