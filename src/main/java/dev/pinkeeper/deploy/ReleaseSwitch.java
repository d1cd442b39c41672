package dev.pinkeeper.deploy;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.pinkeeper.server.ServerNotRunningException;
import dev.pinkeeper.server.ServerTarget;

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
 * One switch per site runs at a time (a lock file in the site directory); {@link SwitchRun} takes these
 * steps, and {@link ReleaseBatch} takes them for many sites on one server with one reload.
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

    ReleaseStore store() {
        return store;
    }

    ServerTarget server() {
        return server;
    }

    List<ReleaseCheck> checks() {
        return checks;
    }

    List<TlsProbe> probes() {
        return probes;
    }

    Duration probeTimeout() {
        return probeTimeout;
    }

    /** A switch for the releases of {@code store} served by {@code server}. */
    public static Builder builder(ReleaseStore store, ServerTarget server) {
        return new Builder(store, server);
    }

    /** Makes {@code next} the live release (see the class description for the steps). */
    public SwitchResult switchTo(Release next) throws IOException {
        try (Closeable lock = store.lock()) {
            SwitchRun run = new SwitchRun(this);
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
            SwitchRun run = new SwitchRun(this);
            Optional<SwitchResult> refused = run.refuseUnlessServable(content);
            if (refused.isPresent()) {
                return refused.get();
            }
            run.write(content);
            return run.executeWritten();
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
        SwitchRun run = new SwitchRun(this);
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
            run.step("checks passed: " + checks.size());
        } finally {
            ReleaseStore.deleteTree(scratch);
        }
        Optional<Release> same = store.liveWithSameContent(content);
        run.wouldServe(same.orElse(null));
        run.step(same.isPresent() ? "the live release " + same.get().name() + " holds the same content"
                : "dry run: no release written, live not switched");
        run.step("dry run: " + server.name() + " neither tested nor reloaded");
        return run.result(same.isPresent() ? SwitchResult.Outcome.UNCHANGED : SwitchResult.Outcome.SWITCHED, null);
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
