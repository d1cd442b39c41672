package dev.pinkeeper.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinkeeper.testing.LockHolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SiteLock}: one lock file per site, re-entrant within one operation, patient, and saying who holds it. */
class SiteLockTest {
    @TempDir
    Path state;
    SiteLayout layout;

    @BeforeEach
    void site() throws Exception {
        layout = SiteLayout.of(state, "locked");
        Files.createDirectories(layout.directory());
    }

    @Test
    void theThreadHoldingTheLockTakesItAgainAndReleasesItWithTheOutermostHold() throws Exception {
        try (SiteLock outer = SiteLock.acquire(layout, Duration.ZERO)) {
            try (SiteLock inner = SiteLock.acquire(layout, Duration.ZERO)) {
                assertThat(SiteLock.heldByThisThread(layout)).isTrue();
            }
            assertThat(SiteLock.heldByThisThread(layout)).as("held until the outermost hold ends").isTrue();
            assertThatThrownBy(() -> otherThread(Duration.ofMillis(200)))
                    .hasRootCauseInstanceOf(SiteLockException.class)
                    .hasRootCauseMessage("site locked is being changed by another operation of this process (lock "
                            + layout.lock() + "); try again when it has finished");
        }
        assertThat(SiteLock.heldByThisThread(layout)).isFalse();
        assertThat(otherThread(Duration.ZERO)).isTrue();
    }

    @Test
    void anotherThreadWaitsForTheLockWithinItsPatience() throws Exception {
        CompletableFuture<Boolean> waiting;
        try (SiteLock held = SiteLock.acquire(layout, Duration.ZERO)) {
            waiting = CompletableFuture.supplyAsync(() -> {
                try (SiteLock lock = SiteLock.acquire(layout, Duration.ofSeconds(10))) {
                    return SiteLock.heldByThisThread(layout);
                } catch (SiteLockException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            assertThat(waiting).isNotDone();
        }
        assertThat(waiting.get()).isTrue();
    }

    @Test
    void anotherProcessHoldingTheLockIsNamedByItsPid() throws Exception {
        Files.createFile(layout.lock());
        try (LockHolder holder = LockHolder.hold(layout.lock())) {
            assertThatThrownBy(() -> SiteLock.acquire(layout, Duration.ofMillis(200)))
                    .isInstanceOf(SiteLockException.class)
                    .hasMessageStartingWith("site locked is being changed by another pinkeeper process (pid "
                            + holder.pid())
                    .hasMessageContaining("python3")
                    .hasMessageEndingWith("(lock " + layout.lock() + "); try again when it has finished");
        }
        try (SiteLock lock = SiteLock.acquire(layout, Duration.ofSeconds(5))) {
            assertThat(SiteLock.heldByThisThread(layout)).isTrue();
        }
    }

    @Test
    void aSiteWithoutAFolderIsNotCreatedByItsLock() {
        SiteLayout missing = SiteLayout.of(state, "missing");
        assertThatThrownBy(() -> SiteLock.acquire(missing, Duration.ZERO)).isInstanceOf(SiteLockException.class)
                .hasMessageContaining("cannot open the lock file");
        assertThat(missing.directory()).doesNotExist();
    }

    private boolean otherThread(Duration patience) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try (SiteLock lock = SiteLock.acquire(layout, patience)) {
                return SiteLock.heldByThisThread(layout);
            } catch (SiteLockException e) {
                throw new IllegalStateException(e);
            }
        }).get();
    }
}
