package dev.pinkeeper.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * nginx's processes as Linux's {@code /proc} shows them. {@code nginx -s reload} only signals the
 * master and returns at once; the master then starts new workers and tells the old ones to stop
 * accepting. Until that has happened a client can still reach an old worker with the old
 * certificate and headers, so a reload is complete only when none of the workers that served
 * before still accepts connections (an old worker that finishes its requests is titled
 * "is shutting down").
 */
final class NginxProcesses {
    private static final Path PROC = Path.of("/proc");

    private NginxProcesses() {
    }

    /** The master started with this configuration file, if /proc shows one. */
    static OptionalLong master(Path config) {
        String wanted = config.toAbsolutePath().normalize().toString();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                String title = title(process);
                if (title.startsWith("nginx: master process") && title.contains(wanted)) {
                    return OptionalLong.of(Long.parseLong(process.getFileName().toString()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** The master's workers that accept connections (not those shutting down). */
    static Set<Long> acceptingWorkers(long master) {
        Set<Long> workers = new HashSet<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                String title = title(process);
                if (title.startsWith("nginx: worker process") && !title.contains("shutting down")
                        && parent(process) == master) {
                    workers.add(Long.parseLong(process.getFileName().toString()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
        return workers;
    }

    private static String title(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
        } catch (IOException e) {
            return ""; // the process ended meanwhile
        }
    }

    private static long parent(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
