package dev.pinkeeper.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/** The child PIDs of a process (Linux {@code /proc/PID/task/PID/children}): a server's workers. */
public final class ChildProcesses {
    private ChildProcesses() {
    }

    /** The PIDs of the children of {@code pid}; empty when it has none or is gone. */
    public static Set<Long> of(long pid) {
        Set<Long> children = new TreeSet<>();
        try {
            String text = Files.readString(Path.of("/proc/" + pid + "/task/" + pid + "/children")).strip();
            if (!text.isEmpty()) {
                Arrays.stream(text.split("\\s+")).map(Long::valueOf).forEach(children::add);
            }
        } catch (IOException gone) {
            // the process has exited
        }
        return children;
    }
}
