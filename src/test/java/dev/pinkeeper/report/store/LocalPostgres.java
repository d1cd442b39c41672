package dev.pinkeeper.report.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL 15 server for tests: initdb into a temporary directory, pg_ctl on a free
 * port listening on 127.0.0.1 only. As root, everything runs as the postgres user (runuser) in
 * a directory it owns. Stopped and deleted by {@link #close()}.
 */
public final class LocalPostgres implements AutoCloseable {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path dir;
    private final Path data;
    private final int port;

    private LocalPostgres(Path dir, int port) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
    }

    /** Creates a cluster and starts it. */
    public static LocalPostgres start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException("PostgreSQL 15 is not installed: run scripts/install-deps.sh");
        }
        Path dir = Files.createTempDirectory("pinkeeper-pg");
        if (isRoot()) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        LocalPostgres pg = new LocalPostgres(dir, freePort());
        pg.asOwner(List.of(BIN.resolve("initdb").toString(), "-D", pg.data.toString(), "-A", "trust", "-U", "postgres",
                "--no-sync", "-E", "UTF8"));
        pg.startServer();
        return pg;
    }

    /** Starts (or restarts) the server on the same port and data. */
    public void startServer() throws IOException, InterruptedException {
        asOwner(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "-w", "-t", "30", "start"));
    }

    /** Stops the server at once, as a crash would (pg_ctl -m immediate). */
    public void crash() throws IOException, InterruptedException {
        asOwner(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
    }

    /** The JDBC URL of the {@code postgres} database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            asOwner(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
        } catch (IOException alreadyStopped) {
            // nothing to stop
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void asOwner(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
