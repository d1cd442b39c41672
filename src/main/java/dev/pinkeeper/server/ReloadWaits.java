package dev.pinkeeper.server;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Waiting for a reload to take effect: servers reload asynchronously, so a reload returns only once
 * the processes that accepted connections before it have been replaced (or stopped accepting).
 */
final class ReloadWaits {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(30);

    private ReloadWaits() {
    }

    /** The processes of a server's parent that accept connections now. */
    @FunctionalInterface
    interface Accepting {
        Set<Long> of(long parent);
    }

    /**
     * Waits until every process of {@code parent} that accepts connections is a new one (none of
     * {@code before}, at least one); fails at once when the parent exits.
     */
    static void awaitReplaced(String server, long parent, Set<Long> before, Accepting accepting)
            throws ServerException {
        long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
        while (true) {
            if (!ProcFs.running(parent)) {
                throw new ServerException(server + " exited on the reload: see its error log");
            }
            Set<Long> now = accepting.of(parent);
            if (!now.isEmpty() && now.stream().noneMatch(before::contains)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ServerException(server + " did not replace its processes within "
                        + RELOAD_WAIT.toSeconds() + " s of the reload: see its error log");
            }
            pause(server);
        }
    }

    /**
     * Waits until none of the {@code old} processes accepts connections any more (they exit, or
     * stop listening once the new process is ready and tells them to finish).
     */
    static void awaitStoppedAccepting(String server, List<String> old) throws ServerException {
        long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
        while (true) {
            Set<String> listening = ProcFs.listeningSockets();
            boolean accepting = false;
            for (String pid : old) {
                try {
                    long id = Long.parseLong(pid);
                    accepting |= ProcFs.running(id) && ProcFs.holdsAny(id, listening);
                } catch (NumberFormatException notAPid) {
                    // nothing to wait for
                }
            }
            if (!accepting) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ServerException(server + ": the old processes " + old + " still accept connections "
                        + RELOAD_WAIT.toSeconds() + " s after the reload: see its log");
            }
            pause(server);
        }
    }

    private static void pause(String server) throws ServerException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException("interrupted while waiting for " + server + " to reload", e);
        }
    }
}
