package dev.pinkeeper.report.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's Chromium, headless, with the flags this closed machine needs. */
final class HeadlessChromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {
    }

    /** The DOM after the page loaded (and ran whatever script it could), serialized. */
    static String dumpDom(String url, Path profile) throws IOException, InterruptedException {
        return run(profile, List.of("--dump-dom", url));
    }

    /** Saves a screenshot of the page. */
    static void screenshot(String url, Path profile, Path png) throws IOException, InterruptedException {
        run(profile, List.of("--screenshot=" + png, "--window-size=1280,2400", "--hide-scrollbars", url));
    }

    private static String run(Path profile, List<String> args) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("chromium is not installed: run scripts/install-deps.sh");
        }
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        command.addAll(args);
        Path log = Files.createTempFile("chromium", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("chromium did not finish in 90 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("chromium exited " + p.exitValue() + ": " + Files.readString(log));
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
