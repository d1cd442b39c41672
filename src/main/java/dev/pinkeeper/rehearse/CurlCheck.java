package dev.pinkeeper.rehearse;

import dev.pinkeeper.export.CurlPins;
import dev.pinkeeper.export.PinExport;
import dev.pinkeeper.pin.Pin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An independent check of what a server serves: {@code curl --pinnedpubkey} with the pins pinkeeper
 * exports for curl ({@link CurlPins}), trusting only the given roots; the host resolves to 127.0.0.1.
 */
final class CurlCheck {
    /** curl's exit status when the served key matches none of the pins. */
    static final int PIN_MISMATCH = 90;

    /** curl's exit status and the response headers it printed. */
    record Answer(int exitCode, String headers) {
        boolean hasHeader(String name) {
            return headers.lines().anyMatch(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1));
        }

        /** Whether a header {@code name} carries {@code pin} as one of its pin-sha256 values. */
        boolean pins(String name, Pin pin) {
            String value = "pin-sha256=\"" + pin.base64() + "\"";
            return headers.lines().anyMatch(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1)
                    && line.contains(value));
        }
    }

    private final Path curl;
    private final Path roots;
    private final String host;
    private final int port;

    CurlCheck(Path curl, Path roots, String host, int port) {
        this.curl = curl;
        this.roots = roots;
        this.host = host;
        this.port = port;
    }

    /** The same check trusting only {@code otherRoots}. */
    CurlCheck trusting(Path otherRoots) {
        return new CurlCheck(curl, otherRoots, host, port);
    }

    /** Fetches https://host:port/ with {@code pins} as curl's {@code --pinnedpubkey}. */
    Answer fetch(List<Pin> pins) throws IOException {
        String pinned = CurlPins.pinnedPubKey(new PinExport(host, false, pins, List.of(), null, List.of()));
        Process process = new ProcessBuilder(curl.toString(), "-sS", "-o", "/dev/null", "-D", "-", "--max-time", "10",
                "--noproxy", "*", "--cacert", roots.toString(), "--resolve", host + ":" + port + ":127.0.0.1",
                "--pinnedpubkey", pinned, "https://" + host + ":" + port + "/")
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("curl did not finish");
            }
            return new Answer(process.exitValue(), output);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
