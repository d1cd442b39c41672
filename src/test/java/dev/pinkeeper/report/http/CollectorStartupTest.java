package dev.pinkeeper.report.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.report.store.LocalPostgres;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.KilledRuns;
import dev.pinkeeper.testing.ListeningSockets;
import dev.pinkeeper.testing.Processes;

/** The collector process as an operator starts it: where it listens, and what a failed start leaves behind. */
class CollectorStartupTest {
    @TempDir
    Path temp;

    /**
     * Every TCP address the collector process may listen on: its {@code --listen} address and nothing
     * else (no database server, no debug port). A separate operator address for the dashboard and
     * metrics joins this set where it is configured.
     */
    private static Set<String> expectedListeners(int port) {
        return Set.of("127.0.0.1:" + port);
    }

    @Test
    void theCollectorListensOnlyWhereListenSaysWhileReportsAreReadFromAnotherProcess() throws Exception {
        Path state = temp.resolve("state");
        int port = LocalPostgres.freePort();
        try (CollectorProcess collector = CollectorProcess.start(port, state, null)) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/report")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"hostname\":\"one.listen.test\",\"port\":443,"
                            + "\"known-pins\":[],\"served-certificate-chain\":[],\"validated-certificate-chain\":[]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(204);
            // another process reads the store while the collector has it open
            Processes.Run reports = Processes.run(temp, KilledRuns.command(state, "reports", "--json"), null,
                    Duration.ofSeconds(60));
            assertThat(reports.code()).as(reports.err()).isZero();
            assertThat(ListeningSockets.of(collector.pid())).isEqualTo(expectedListeners(port));
        }
    }

    @Test
    void aTakenPortEndsTheCollectorBeforeItCreatesAnyFile() throws Exception {
        Path fresh = temp.resolve("fresh");
        Path used = temp.resolve("used");
        int port = LocalPostgres.freePort();
        try (CollectorProcess earlier = CollectorProcess.start(port, used, null)) {
            assertThat(earlier.pid()).isPositive(); // leaves a journal and a store behind in "used"
        }
        Map<String, String> before = FileSnapshot.of(used);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (Path state : List.of(fresh, used)) {
                List<String> command = KilledRuns.command(state, "collector", "--listen", "127.0.0.1:" + taken.getLocalPort());
                Processes.Run run = Processes.run(temp, command, null, Duration.ofSeconds(60));
                String err = run.err();
                assertThat(run.code()).as(err).isEqualTo(2);
                assertThat(err.strip().lines()).as(err).hasSize(1);
                assertThat(err).contains("127.0.0.1:" + taken.getLocalPort());
                assertThat(new String(run.out(), StandardCharsets.UTF_8)).isEmpty();
            }
        }
        assertThat(fresh).as("a state directory the refused collector would have created").doesNotExist();
        assertThat(FileSnapshot.of(used)).as("the earlier run's journal and store, byte for byte").isEqualTo(before);
        try (var names = Files.list(used)) {
            assertThat(names.map(p -> p.getFileName().toString()).toList()).noneMatch(n -> n.endsWith(".lock.db"));
        }
    }
}
