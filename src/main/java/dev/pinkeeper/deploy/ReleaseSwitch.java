package dev.pinkeeper.deploy;

import dev.pinkeeper.server.ServerTarget;
import dev.pinkeeper.server.ServerException;
import dev.pinkeeper.server.ServerNotRunningException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.pinkeeper.pin.Pin;

/**
 * Puts a release live on one server, safely:
 * <ol>
 * <li>the server must read its headers through {@code live} ({@link ServerTarget#checkFollowsLive}); if not, the release is rejected;</li>
 * <li>every {@link ReleaseCheck} runs (PKIX validation, key match, the caller's pin checks); a failure rejects it;</li>
 * <li>{@code live} is swapped to the release atomically (a new symlink renamed over the old one);</li>
 * <li>the server's own config test runs — it can only test the release once {@code live} names it,
 *     and it runs before any reload: a failure swaps {@code live} back and rejects the release;</li>
 * <li>the server is reloaded only if the hash of what it reads (release files and its config)
 *     differs from what it read at its last reload;</li>
 * <li>each {@link TlsProbe} must then see a leaf pin of the release (polled, since reloads are asynchronous);</li>
 * <li>a server that does not run ({@link ServerNotRunningException}) is neither reloaded nor probed: the
 *     release stays live, so that the server serves it once started (the first deployment of a site whose
 *     server config reads {@code live} cannot have a running server);</li>
 * <li>if the reload or a probe fails, the previous release is put back, the server reloaded and probed again;
 *     the hash is recorded only after a reload whose probes passed, so after a failed rollback the next
 *     switch reloads whatever its content.</li>
 * </ol>
 * One switch per site runs at a time (a lock file in the site directory).
 *
 * <p>{@link #deploy} writes the release itself, after the first step: a server that does not follow
 * {@code live} leaves no release behind, and a release it wrote that a check or the config test then
 * rejects is removed again (it never went live; a release the server was reloaded with is kept).
 *
 * <pre>{@code
 * ReleaseStore store = new ReleaseStore(Path.of("/var/lib/pinkeeper/sites/example.com"));
 * SwitchResult result = ReleaseSwitch.builder(store, dev.pinkeeper.server.Nginx.target(Path.of("/etc/nginx/nginx.conf"), List.of()))
 *         .check(new PkixCheck(roots)).check(new KeyMatchCheck())
 *         .probe(new TlsProbe("127.0.0.1", 443, "example.com", Duration.ofSeconds(5)))
 *         .build().deploy(ReleaseContent.of(new CertifiedKey(chain, key), headers));
 * }</pre>
 */
public final class ReleaseSwitch {
    private final ReleaseStore store;
    private final ServerTarget server;
    private final List<ReleaseCheck> checks;
    private final List<TlsProbe> probes;
    private final Duration probeTimeout;

    private ReleaseSwitch(Builder builder) {
        this.store = builder.store;
        this.server = builder.server;
        this.checks = List.copyOf(builder.checks);
        this.probes = List.copyOf(builder.probes);
        this.probeTimeout = builder.probeTimeout;
    }

    /** A switch for the releases of {@code store} served by {@code server}. */
    public static Builder builder(ReleaseStore store, ServerTarget server) {
        return new Builder(store, server);
    }

    /** Makes {@code next} the live release (see the class description for the steps). */
    public SwitchResult switchTo(Release next) throws IOException {
        try (Closeable lock = store.lock()) {
            Run run = new Run(store.live());
            Optional<SwitchResult> refused = run.refuseUnlessFollowsLive();
            return refused.isPresent() ? refused.get() : run.execute(next);
        }
    }

    /**
     * Makes a release of {@code content} live: the live release when it holds the same files
     * ({@link ReleaseStore#liveOrCreate}), else a new one, written only once the server is known to
     * follow {@code live}. A new release rejected by a check or the config test is removed again, so a
     * refused deployment leaves the releases as they were; {@link SwitchResult#release} is then null.
     */
    public SwitchResult deploy(ReleaseContent content) throws IOException {
        try (Closeable lock = store.lock()) {
            Run run = new Run(store.live());
            Optional<SwitchResult> refused = run.refuseUnlessServable(content);
            if (refused.isPresent()) {
                return refused.get();
            }
            Release release = store.liveOrCreate(content);
            boolean created = run.previous.filter(release::equals).isEmpty();
            run.steps.add(created ? "release " + release.name() + " written"
                    : "the live release " + release.name() + " holds the same content: no new release");
            SwitchResult result = run.execute(release);
            if (!created || result.outcome() != SwitchResult.Outcome.REJECTED) {
                return result;
            }
            store.remove(release);
            run.steps.add("release " + release.name() + " removed (it never went live)");
            run.next = null;
            return run.result(result.outcome(), result.reason());
        }
    }

    /**
     * The checks of {@link #deploy} that change nothing, for a dry run: the server follows {@code live}, it
     * can send the headers, and every {@link ReleaseCheck} passes on a scratch copy of the release written
     * to a temporary folder outside the store (removed again). Nothing in the store changes, the server
     * is neither tested nor reloaded. {@link SwitchResult#release} is the live release when it already
     * holds this content ({@link SwitchResult.Outcome#UNCHANGED}), else null ({@link SwitchResult.Outcome#SWITCHED}:
     * what a deployment would do).
     */
    public SwitchResult dryRun(ReleaseContent content) throws IOException {
        Run run = new Run(store.live());
        Optional<SwitchResult> refused = run.refuseUnlessServable(content);
        if (refused.isPresent()) {
            return refused.get();
        }
        Path scratch = Files.createTempDirectory("pinkeeper-dry-run-");
        try {
            Release copy = new ReleaseStore(scratch).create(content);
            for (ReleaseCheck check : checks) {
                try {
                    check.check(copy);
                } catch (ReleaseCheckException e) {
                    return run.result(SwitchResult.Outcome.REJECTED, "check failed: " + e.getMessage());
                }
            }
            run.steps.add("checks passed: " + checks.size());
        } finally {
            ReleaseStore.deleteTree(scratch);
        }
        Optional<Release> same = store.liveWithSameContent(content);
        run.next = same.orElse(null);
        run.steps.add(same.isPresent() ? "the live release " + same.get().name() + " holds the same content"
                : "dry run: no release written, live not switched");
        run.steps.add("dry run: " + server.name() + " neither tested nor reloaded");
        return run.result(same.isPresent() ? SwitchResult.Outcome.UNCHANGED : SwitchResult.Outcome.SWITCHED, null);
    }

    /**
     * {@link #deploy} for many sites served by one server, with one config test and at most one reload for
     * all: each release is written and checked under its site's lock (taken in the order of the site
     * folders, so two batches never wait for each other), every {@code live} is swapped, the server's config
     * test runs once, the server is reloaded once if any site's content changed, then each site's probes
     * must see its release. A site that a check rejects is left out before anything changes. When the one
     * config test or the reload fails, every link is put back and each site is switched on its own, as
     * {@link #deploy} does (which finds the release at fault); a site whose probe fails is rolled back on
     * its own. {@code switches} must all name the same server (the first one's tests and reloads it).
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
        ServerTarget server = switches.get(0).server;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < switches.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparing(i -> switches.get(i).store.siteDirectory().toAbsolutePath().normalize()));
        List<Closeable> locks = new ArrayList<>();
        try {
            for (int i : order) {
                locks.add(switches.get(i).store.lock());
            }
            return new Batch(switches, server).run(contents);
        } finally {
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
    }

    /** One {@link #deployAll}, its site locks held. */
    private static final class Batch {
        private final List<ReleaseSwitch> switches;
        private final ServerTarget server;
        private final SwitchResult[] results;
        private final Run[] runs;
        private final boolean[] created;

        Batch(List<ReleaseSwitch> switches, ServerTarget server) {
            this.switches = switches;
            this.server = server;
            this.results = new SwitchResult[switches.size()];
            this.runs = new Run[switches.size()];
            this.created = new boolean[switches.size()];
        }

        List<SwitchResult> run(List<ReleaseContent> contents) throws IOException {
            // every check of every site before any link changes
            List<Integer> active = new ArrayList<>();
            for (int i = 0; i < switches.size(); i++) {
                if (prepare(i, contents.get(i))) {
                    active.add(i);
                }
            }
            List<Integer> pointed = new ArrayList<>();
            try {
                for (int i : active) {
                    runs[i].pointLive();
                    pointed.add(i);
                }
            } catch (IOException | RuntimeException e) {
                // a link that cannot be swapped stops the batch: the links swapped already go back, unreloaded
                for (int i : pointed) {
                    runs[i].restoreLink();
                }
                throw e;
            }
            try {
                server.configTest();
                for (int i : active) {
                    runs[i].steps.add(server.name() + " config test passed (one test for " + active.size() + " sites)");
                }
            } catch (ServerException e) {
                // put every link back, then each site on its own: its own config test says which release fails
                for (int i : active) {
                    runs[i].restoreLink();
                    runs[i].steps.add(server.name() + " config test of the batch failed: each site on its own");
                }
                for (int i : active) {
                    results[i] = single(i);
                }
                return List.of(results);
            }
            List<Integer> changed = new ArrayList<>();
            String[] hashes = new String[switches.size()];
            for (int i : active) {
                hashes[i] = ContentHash.of(runs[i].next, server.configFiles());
                if (switches.get(i).store.servedHash().map(hashes[i]::equals).orElse(false)) {
                    runs[i].steps.add("content unchanged (sha256 " + hashes[i].substring(0, 16) + "…): no reload");
                    results[i] = runs[i].result(SwitchResult.Outcome.UNCHANGED, null);
                } else {
                    changed.add(i);
                }
            }
            if (changed.isEmpty()) {
                return List.of(results);
            }
            for (int i : changed) {
                switches.get(i).store.forgetServedHash();
                runs[i].reloaded = true;
            }
            try {
                server.reload();
            } catch (ServerNotRunningException e) {
                for (int i : changed) {
                    results[i] = runs[i].notRunning(e);
                }
                return List.of(results);
            } catch (ServerException e) {
                // every link back first, so that no rollback's reload serves another site's unprobed release
                for (int i : changed) {
                    runs[i].restoreLink();
                }
                for (int i : changed) {
                    results[i] = runs[i].rollBack(e.getMessage());
                }
                return List.of(results);
            }
            for (int i : changed) {
                runs[i].steps.add(server.name() + " reloaded (one reload for " + changed.size() + " sites)");
                try {
                    runs[i].probe(runs[i].next);
                    switches.get(i).store.recordServedHash(hashes[i]);
                    results[i] = runs[i].result(SwitchResult.Outcome.SWITCHED, null);
                } catch (ServerException e) {
                    results[i] = runs[i].rollBack(e.getMessage());
                }
            }
            return List.of(results);
        }

        /** The first steps of {@link ReleaseSwitch#deploy} for one site; false (its result set) when rejected. */
        private boolean prepare(int i, ReleaseContent content) throws IOException {
            ReleaseSwitch one = switches.get(i);
            Run run = one.new Run(one.store.live());
            runs[i] = run;
            Optional<SwitchResult> refused = run.refuseUnlessServable(content);
            if (refused.isPresent()) {
                results[i] = refused.get();
                return false;
            }
            Release release = one.store.liveOrCreate(content);
            created[i] = run.previous.filter(release::equals).isEmpty();
            run.steps.add(created[i] ? "release " + release.name() + " written"
                    : "the live release " + release.name() + " holds the same content: no new release");
            run.next = release;
            Optional<SwitchResult> rejected = run.check();
            if (rejected.isPresent()) {
                results[i] = removeRejected(i, rejected.get());
                return false;
            }
            return true;
        }

        /** One site switched on its own, as {@link ReleaseSwitch#deploy} does once its release is written. */
        private SwitchResult single(int i) throws IOException {
            SwitchResult result = runs[i].execute(runs[i].next);
            return result.outcome() == SwitchResult.Outcome.REJECTED ? removeRejected(i, result) : result;
        }

        private SwitchResult removeRejected(int i, SwitchResult result) throws IOException {
            if (!created[i]) {
                return result;
            }
            Run run = runs[i];
            switches.get(i).store.remove(run.next);
            run.steps.add("release " + run.next.name() + " removed (it never went live)");
            run.next = null;
            return run.result(result.outcome(), result.reason());
        }
    }

    /** The state of one switch. */
    private final class Run {
        private final Optional<Release> previous;
        private final List<String> steps = new ArrayList<>();
        private Release next;
        private boolean reloaded;

        Run(Optional<Release> previous) {
            this.previous = previous;
        }

        /** The rejection when the server does not read its headers through {@code live} or cannot send them. */
        Optional<SwitchResult> refuseUnlessServable(ReleaseContent content) {
            Optional<SwitchResult> refused = refuseUnlessFollowsLive();
            if (refused.isPresent()) {
                return refused;
            }
            return server.headerFile().flatMap(file -> HeaderSnippets.problem(file, content.headers()))
                    .map(unsendable -> result(SwitchResult.Outcome.REJECTED, unsendable));
        }

        /** The rejection when the server does not read its headers through {@code live}. */
        Optional<SwitchResult> refuseUnlessFollowsLive() {
            try {
                server.checkFollowsLive(store.liveLink());
                return Optional.empty();
            } catch (ServerException e) {
                return Optional.of(result(SwitchResult.Outcome.REJECTED, e.getMessage()));
            }
        }

        SwitchResult execute(Release release) throws IOException {
            next = release;
            Optional<SwitchResult> rejected = check();
            if (rejected.isPresent()) {
                return rejected.get();
            }
            pointLive();
            try {
                server.configTest();
                steps.add(server.name() + " config test passed");
            } catch (ServerException e) {
                restoreLink();
                return result(SwitchResult.Outcome.REJECTED, server.name() + " config test failed: " + e.getMessage());
            }
            String hash = ContentHash.of(next, server.configFiles());
            if (store.servedHash().map(hash::equals).orElse(false)) {
                steps.add("content unchanged (sha256 " + hash.substring(0, 16) + "…): no reload");
                return result(SwitchResult.Outcome.UNCHANGED, null);
            }
            try {
                reloadAndProbe(next);
                store.recordServedHash(hash);
                return result(SwitchResult.Outcome.SWITCHED, null);
            } catch (ServerNotRunningException e) {
                return notRunning(e);
            } catch (ServerException e) {
                return rollBack(e.getMessage());
            }
        }

        /** Runs every {@link ReleaseCheck} on {@link #next}: the rejection, if one fails. */
        Optional<SwitchResult> check() throws IOException {
            for (ReleaseCheck check : checks) {
                try {
                    check.check(next);
                } catch (ReleaseCheckException e) {
                    return Optional.of(result(SwitchResult.Outcome.REJECTED, "check failed: " + e.getMessage()));
                }
            }
            steps.add("checks passed: " + checks.size());
            return Optional.empty();
        }

        /** Points {@code live} at {@link #next} (unless it is live already). */
        void pointLive() throws IOException {
            if (previous.filter(next::equals).isPresent()) {
                steps.add("live already -> " + next.name());
            } else {
                store.pointLiveAt(next);
                steps.add("live -> " + next.name());
            }
        }

        /** The release stays live for a server that does not run: nothing to reload, nothing to roll back. */
        SwitchResult notRunning(ServerNotRunningException e) {
            reloaded = false;
            steps.add(e.getMessage() + ": not reloaded, not probed");
            return result(SwitchResult.Outcome.NOT_RUNNING, e.getMessage() + ": start it ("
                    + String.join(" ", e.startCommand()) + ", or its service) and it serves release " + next.name());
        }

        SwitchResult rollBack(String reason) throws IOException {
            steps.add("failed: " + reason);
            if (previous.isEmpty()) {
                store.removeLive();
                steps.add("no previous release: live removed");
                return result(SwitchResult.Outcome.ROLLBACK_FAILED, reason + "; there is no previous release to put back");
            }
            Release back = previous.get();
            store.pointLiveAt(back);
            steps.add("live -> " + back.name() + " (rollback)");
            try {
                reloadAndProbe(back);
                store.recordServedHash(ContentHash.of(back, server.configFiles()));
                return result(SwitchResult.Outcome.ROLLED_BACK, reason);
            } catch (ServerException e) {
                steps.add("rollback failed: " + e.getMessage());
                return result(SwitchResult.Outcome.ROLLBACK_FAILED, reason + "; rollback: " + e.getMessage());
            }
        }

        private void reloadAndProbe(Release release) throws ServerException, IOException {
            // a reload that fails may still have taken effect: the server no longer reads a known content
            store.forgetServedHash();
            reloaded = true;
            server.reload();
            steps.add(server.name() + " reloaded");
            probe(release);
        }

        /** Every probe must see a leaf key of {@code release}. */
        void probe(Release release) throws ServerException, IOException {
            Set<Pin> expected = release.leafPins();
            for (TlsProbe probe : probes) {
                awaitServed(probe, expected);
                steps.add(probe + " serves " + expected);
            }
        }

        void restoreLink() throws IOException {
            if (previous.isPresent()) {
                store.pointLiveAt(previous.get());
                steps.add("live -> " + previous.get().name() + " (restored)");
            } else {
                store.removeLive();
                steps.add("live removed");
            }
        }

        SwitchResult result(SwitchResult.Outcome outcome, String reason) {
            return new SwitchResult(outcome, next, previous, reloaded, reason, steps);
        }
    }

    private void awaitServed(TlsProbe probe, Set<Pin> expected) throws ServerException {
        long deadline = System.nanoTime() + probeTimeout.toNanos();
        String last;
        while (true) {
            try {
                Pin served = probe.servedLeafPin();
                if (expected.contains(served)) {
                    return;
                }
                last = "serves pin " + served;
            } catch (IOException | RuntimeException e) {
                // a RuntimeException (an address or SNI name Java refuses) fails the probe like an unreachable server
                last = "cannot be reached: " + e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new ServerException("after the reload, " + probe + " " + last + ", not one of " + expected);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServerException("interrupted while probing " + probe, e);
            }
        }
    }

    /** Configures a {@link ReleaseSwitch}. */
    public static final class Builder {
        private final ReleaseStore store;
        private final ServerTarget server;
        private final List<ReleaseCheck> checks = new ArrayList<>();
        private final List<TlsProbe> probes = new ArrayList<>();
        private Duration probeTimeout = Duration.ofSeconds(10);

        private Builder(ReleaseStore store, ServerTarget server) {
            this.store = store;
            this.server = server;
        }

        /** Adds a check the release must pass before it goes live (run in the order added). */
        public Builder check(ReleaseCheck check) {
            checks.add(check);
            return this;
        }

        /** Adds a post-reload check: this endpoint must serve one of the release's leaf keys. */
        public Builder probe(TlsProbe probe) {
            probes.add(probe);
            return this;
        }

        /** How long the probes may wait for the server to serve the release (default 10 s). */
        public Builder probeTimeout(Duration timeout) {
            this.probeTimeout = timeout;
            return this;
        }

        public ReleaseSwitch build() {
            return new ReleaseSwitch(this);
        }
    }
}
