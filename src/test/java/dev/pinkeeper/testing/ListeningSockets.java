package dev.pinkeeper.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The TCP addresses a process listens on, read from Linux's /proc: the socket inodes among
 * {@code /proc/PID/fd}, matched against the sockets in state LISTEN ({@code 0A}) of
 * {@code /proc/net/tcp} and {@code /proc/net/tcp6}. Each address is {@code HOST:PORT} as
 * {@link InetAddress#getHostAddress()} writes it ({@code 0.0.0.0:5000}, {@code 0:0:0:0:0:0:0:0:5000}).
 */
public final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Every address {@code pid} listens on (all its threads share its file descriptors). */
    public static Set<String> of(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed while listing
                }
            }
        }
        Set<String> listening = new TreeSet<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file); // read once: the table changes as sockets come and go
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) {
                    listening.add(address(f[1]));
                }
            }
        }
        return listening;
    }

    /** {@code 0100007F:1F90} (little-endian 32-bit words, as the kernel prints them) as {@code 127.0.0.1:8080}. */
    static String address(String hex) throws UnknownHostException {
        int colon = hex.indexOf(':');
        String host = hex.substring(0, colon);
        int port = Integer.parseInt(hex.substring(colon + 1), 16);
        byte[] bytes = new byte[host.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            byte[] be = new BigInteger(host.substring(word * 8, word * 8 + 8), 16).toByteArray();
            byte[] four = new byte[4];
            System.arraycopy(be, Math.max(0, be.length - 4), four, 4 - Math.min(4, be.length), Math.min(4, be.length));
            for (int i = 0; i < 4; i++) {
                bytes[word * 4 + i] = four[3 - i]; // each 32-bit word is in host (little-endian) order
            }
        }
        return InetAddress.getByAddress(bytes).getHostAddress() + ":" + port;
    }
}
