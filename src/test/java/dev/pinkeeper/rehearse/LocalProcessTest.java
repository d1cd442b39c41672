package dev.pinkeeper.rehearse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting a program, waiting for its ports and stopping it by its PID. */
class LocalProcessTest {
    @TempDir
    Path dir;

    @Test
    void awaitPortsStopsAProgramThatNeverListens() {
        int port = FreePorts.next();
        LocalProcess process = LocalProcess.start("sleeper", List.of("sh", "-c", "echo starting; exec sleep 30"),
                Map.of(), dir, dir.resolve("sleeper.log"));

        assertThatThrownBy(() -> process.awaitPorts(Duration.ofSeconds(2), port))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sleeper does not listen on port " + port).hasMessageContaining("starting");
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void awaitPortSaysWhenTheProgramExited() {
        LocalProcess process = LocalProcess.start("quitter", List.of("sh", "-c", "echo gave up; exit 3"),
                Map.of(), dir, dir.resolve("quitter.log"));

        assertThatThrownBy(() -> process.awaitPort(FreePorts.next(), Duration.ofSeconds(10)))
                .hasMessageContaining("quitter exited with status 3").hasMessageContaining("gave up");
    }

    @Test
    void awaitListeningSeesAnOpenPortAndGivesUpOnAClosedOne() throws Exception {
        try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(LocalProcess.awaitListening(open.getLocalPort(), Duration.ofSeconds(5), () -> { })).isTrue();
        }
        assertThat(LocalProcess.awaitListening(FreePorts.next(), Duration.ofMillis(200), () -> { })).isFalse();
    }

    @Test
    void readLogIsEmptyForAMissingFileAndTheTextOtherwise() throws Exception {
        assertThat(LocalProcess.readLog(dir.resolve("absent.log"))).isEmpty();
        assertThat(LocalProcess.readLog(Files.writeString(dir.resolve("error.log"), "[emerg] bind() failed\n")))
                .isEqualTo("[emerg] bind() failed\n");
    }
}
