package dev.pinkeeper.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Pebble;
import dev.pinkeeper.testing.TestPki;

/** Many orders at once against a real pebble: each keeps its key, a failing one does not stop the rest. */
class BatchIssuerTest {
    @TempDir
    Path dir;

    @Test
    void ordersConcurrentlyAndIsolatesFailures() throws Exception {
        try (Pebble pebble = Pebble.start(dir.resolve("pebble"), Pebble.Options.alwaysValid())) {
            IssuerSettings settings = IssuerSettings.of(pebble.directoryUrl(), dir.resolve("account"))
                    .withTrustedCa(pebble.tlsCaFile());
            List<IssueRequest> requests = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                requests.add(new IssueRequest("site" + i, TestPki.ecKey(), List.of("site" + i + ".example.test")));
            }
            requests.add(2, new IssueRequest("bad", TestPki.ecKey(), List.of("not a domain!")));
            List<BatchResult> progress = Collections.synchronizedList(new ArrayList<>());

            List<BatchResult> results;
            try (Http01Standalone solver = new Http01Standalone(new InetSocketAddress("127.0.0.1", FreePorts.next()))) {
                results = new BatchIssuer(settings, 3).issueAll(requests, solver, progress::add);
            }

            assertThat(results).extracting(r -> r.request().id()).containsExactlyElementsOf(
                    requests.stream().map(IssueRequest::id).toList());
            assertThat(progress).hasSize(requests.size());
            assertThat(results.get(2).succeeded()).isFalse();
            assertThat(results.get(2).error()).contains("not a domain!");
            for (BatchResult result : results) {
                if (result.request().id().startsWith("site")) {
                    assertThat(result.succeeded()).as(result.error()).isTrue();
                    assertThat(result.certificate().leafPin())
                            .isEqualTo(Pin.ofSpki(result.request().key().getPublic().getEncoded()));
                }
            }
        }
    }
}
