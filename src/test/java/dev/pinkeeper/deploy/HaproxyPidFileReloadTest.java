package dev.pinkeeper.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Haproxy;
import dev.pinkeeper.testing.HaproxyDaemon;
import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TlsClients;

/** A daemonized HAProxy known only by its pid file, reloaded with {@code -sf}. */
class HaproxyPidFileReloadTest {
    @TempDir
    Path dir;

    @Test
    void reloadsWithSoftStopOfTheOldProcess() throws Exception {
        KeyPair keyA = TestPki.ecKey();
        KeyPair keyB = TestPki.ecKey();
        try (IssuedFixture ca = new IssuedFixture(dir)) {
            ReleaseStore store = new ReleaseStore(dir.resolve("site"));
            store.pointLiveAt(store.create(ReleaseContent.of(ca.issue(keyA), List.of())));
            Release next = store.create(ReleaseContent.of(ca.issue(keyB),
                    List.of(new Header("Strict-Transport-Security", "max-age=600"))));
            int port = FreePorts.next();
            try (HaproxyDaemon haproxy = HaproxyDaemon.start(dir.resolve("haproxy"), """
                    frontend site
                      bind 127.0.0.1:%d ssl crt %s/haproxy.pem
                    %s
                      http-request return status 200 content-type text/plain string ok
                    """.formatted(port, store.liveLink(), Haproxy.headersFromMap(store.liveHaproxyMap())), port)) {
                Set<Long> before = haproxy.pids();

                SwitchResult result = ReleaseSwitch.builder(store,
                        dev.pinkeeper.server.Haproxy.pidFileTarget(haproxy.config(), haproxy.pidFile()))
                        .check(new PkixCheck(List.of(ca.pebble.root()))).check(new KeyMatchCheck())
                        .probe(new TlsProbe("127.0.0.1", port, "localhost", Duration.ofSeconds(2)))
                        .build().switchTo(next);

                assertThat(result.outcome()).as(result.steps().toString()).isEqualTo(SwitchResult.Outcome.SWITCHED);
                assertThat(haproxy.pids()).isNotEmpty().doesNotContainAnyElementsOf(before);
                TlsClients.Result curl = TlsClients.curl("https://localhost:" + port + "/", ca.rootPem,
                        List.of(IssuedFixture.pin(keyB).base64()));
                assertThat(curl.status()).as(curl.output()).isZero();
                // the headers of the new release, from its map, right after the switch returns
                assertThat(curl.output()).contains("strict-transport-security: max-age=600");
                for (long old : before) {
                    ProcessHandle.of(old).ifPresent(h -> h.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
                    assertThat(ProcessHandle.of(old).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                }
            }
        }
    }
}
