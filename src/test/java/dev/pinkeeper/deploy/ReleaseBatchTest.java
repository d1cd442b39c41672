package dev.pinkeeper.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.server.CommandTarget;
import dev.pinkeeper.server.ServerTarget;
import dev.pinkeeper.testing.FreePorts;

/**
 * {@link ReleaseBatch#deployAll}: many sites on one server switched with one config test and one reload;
 * a release that fails the config test is found by testing each site on its own and is the only one refused;
 * a site whose probe fails is rolled back alone. The server is a pair of shell commands that log each call
 * (the test fails while any live header file holds the word "broken").
 */
class ReleaseBatchTest {
    @TempDir
    Path dir;

    @Test
    void manySitesShareOneConfigTestAndOneReloadAndUnchangedContentReloadsNothing() throws Exception {
        ServerTarget server = server(3);
        List<ReleaseSwitch> switches = switches(server, 3, null);
        List<ReleaseContent> contents = List.of(content("a"), content("b"), content("c"));

        List<SwitchResult> first = ReleaseBatch.deployAll(switches, contents);

        assertThat(first).allSatisfy(r -> assertThat(r.outcome()).as(r.steps().toString())
                .isEqualTo(SwitchResult.Outcome.SWITCHED));
        assertThat(tests()).isEqualTo(1);
        assertThat(reloads()).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            assertThat(store(i).live()).contains(first.get(i).release());
        }

        List<SwitchResult> again = ReleaseBatch.deployAll(switches, contents);
        assertThat(again).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(SwitchResult.Outcome.UNCHANGED));
        assertThat(reloads()).isEqualTo(1);
    }

    @Test
    void aReleaseThatFailsTheConfigTestIsRefusedAloneAndTheOthersGoLive() throws Exception {
        ServerTarget server = server(3);
        List<ReleaseSwitch> switches = switches(server, 3, null);
        List<SwitchResult> before = ReleaseBatch.deployAll(switches, List.of(content("a"), content("b"), content("c")));
        int reloadsBefore = reloads();

        List<SwitchResult> results = ReleaseBatch.deployAll(switches,
                List.of(content("a2"), content("broken"), content("c2")));

        assertThat(results.get(0).outcome()).as(results.get(0).steps().toString()).isEqualTo(SwitchResult.Outcome.SWITCHED);
        assertThat(results.get(2).outcome()).isEqualTo(SwitchResult.Outcome.SWITCHED);
        assertThat(results.get(1).outcome()).isEqualTo(SwitchResult.Outcome.REJECTED);
        assertThat(results.get(1).reason()).contains("config test failed");
        // the refused site still serves its previous release, and its rejected release was removed
        assertThat(store(1).live()).contains(before.get(1).release());
        assertThat(store(1).releases()).containsExactly(before.get(1).release());
        assertThat(store(0).live()).contains(results.get(0).release());
        // the batch's test, then one test per site on its own; each good site reloaded on its own
        assertThat(tests()).isEqualTo(1 + 1 + 3);
        assertThat(reloads()).isEqualTo(reloadsBefore + 2);
    }

    @Test
    void aSiteWhoseProbeFailsIsRolledBackAloneAfterTheOneReload() throws Exception {
        ServerTarget server = server(3);
        List<SwitchResult> before = ReleaseBatch.deployAll(switches(server, 3, null),
                List.of(content("a"), content("b"), content("c")));
        // site 1 is now probed where nothing serves it
        TlsProbe nowhere = new TlsProbe("127.0.0.1", FreePorts.next(), "site1.example.test", Duration.ofSeconds(1));
        int reloadsBefore = reloads();

        List<SwitchResult> results = ReleaseBatch.deployAll(switches(server, 3, nowhere),
                List.of(content("a2"), content("b2"), content("c2")));

        assertThat(results.get(0).outcome()).as(results.get(0).steps().toString()).isEqualTo(SwitchResult.Outcome.SWITCHED);
        assertThat(results.get(2).outcome()).isEqualTo(SwitchResult.Outcome.SWITCHED);
        // its old release is put back (and, unreachable as well, cannot be verified)
        assertThat(results.get(1).outcome()).isEqualTo(SwitchResult.Outcome.ROLLBACK_FAILED);
        assertThat(store(1).live()).contains(before.get(1).release());
        assertThat(store(0).live()).contains(results.get(0).release());
        // one reload for the batch, one for the rollback
        assertThat(reloads()).isEqualTo(reloadsBefore + 2);
    }

    /** A server whose config test fails while one of the first {@code sites} live header files says "broken". */
    private ServerTarget server(int sites) {
        List<String> test = new ArrayList<>(List.of("sh", "-c",
                "echo test >> \"$0\"; shift; ! cat \"$@\" 2>/dev/null | grep -q broken", dir.resolve("tests.log").toString()));
        for (int i = 0; i < sites; i++) {
            test.add(store(i).liveLink().resolve(Release.NGINX_HEADERS).toString());
        }
        List<String> reload = List.of("sh", "-c", "echo reload >> \"$0\"", dir.resolve("reloads.log").toString());
        return CommandTarget.of("fake", test, reload, List.of());
    }

    /** One switch per site; site 1 is probed by {@code probe} when given. */
    private List<ReleaseSwitch> switches(ServerTarget server, int sites, TlsProbe probe) {
        List<ReleaseSwitch> switches = new ArrayList<>();
        for (int i = 0; i < sites; i++) {
            ReleaseSwitch.Builder builder = ReleaseSwitch.builder(store(i), server).probeTimeout(Duration.ofSeconds(1));
            if (i == 1 && probe != null) {
                builder.probe(probe);
            }
            switches.add(builder.build());
        }
        return switches;
    }

    private ReleaseStore store(int site) {
        return new ReleaseStore(dir.resolve("site" + site));
    }

    private static ReleaseContent content(String marker) {
        SelfSigned cert = SelfSigned.ec(marker + ".example.test");
        return ReleaseContent.of(cert.certifiedKey(), List.of(new Header("X-Marker", marker)));
    }

    private int tests() throws IOException {
        return lines("tests.log");
    }

    private int reloads() throws IOException {
        return lines("reloads.log");
    }

    private int lines(String log) throws IOException {
        Path file = dir.resolve(log);
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
