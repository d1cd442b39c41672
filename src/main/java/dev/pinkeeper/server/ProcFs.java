package dev.pinkeeper.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Linux's {@code /proc} as the server targets read it: processes, their command lines and parents,
 * and the listening TCP sockets each holds. Every method answers with what it could read: a process
 * that ends meanwhile is simply not there.
 */
final class ProcFs {
    private static final Path PROC = Path.of("/proc");

    private ProcFs() {
    }

    /** The ids of the running processes. */
    static List<Long> processes() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                pids.add(Long.parseLong(process.getFileName().toString()));
            }
        } catch (IOException | RuntimeException e) {
            return pids;
        }
        return pids;
    }

    /** The process's command line with spaces between the arguments ("" when it has ended). */
    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** The process's name (its executable's file name, at most 15 characters; "" when it has ended). */
    static String name(long pid) {
        try {
            return Files.readString(PROC.resolve(Long.toString(pid)).resolve("comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** The process's parent id, or -1 when it has ended. */
    static long parent(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Whether the process runs and is not a zombie waiting for its parent. */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The children of {@code parent}. */
    static Set<Long> children(long parent) {
        Set<Long> children = new HashSet<>();
        for (long pid : processes()) {
            if (parent(pid) == parent) {
                children.add(pid);
            }
        }
        return children;
    }

    /** The socket inodes of every TCP socket in state LISTEN (IPv4 and IPv6). */
    static Set<String> listeningSockets() {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                List<String> lines = Files.readAllLines(PROC.resolve(table));
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    String[] fields = line.strip().split("\\s+");
                    if (fields.length > 9 && fields[3].equals("0A")) {
                        inodes.add(fields[9]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no IPv6 (or no /proc): nothing listens there
            }
        }
        return inodes;
    }

    /** Whether the process holds a descriptor of one of these sockets. */
    static boolean holdsAny(long pid, Set<String> socketInodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")
                            && socketInodes.contains(target.substring(8, target.length() - 1))) {
                        return true;
                    }
                } catch (IOException closed) {
                    // the descriptor was closed meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** The parent's children that still accept connections (hold one of the listening sockets). */
    static Set<Long> acceptingChildren(long parent) {
        Set<String> listening = listeningSockets();
        Set<Long> accepting = new HashSet<>();
        for (long child : children(parent)) {
            if (holdsAny(child, listening)) {
                accepting.add(child);
            }
        }
        return accepting;
    }
}
