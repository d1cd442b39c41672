package dev.pinkeeper.testing;

import dev.pinkeeper.rehearse.LocalNginx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An nginx master process (foreground, {@code daemon off}) with its own config, pid file, logs and
 * temp paths under one directory, listening on loopback ports: the rehearsal's {@link LocalNginx}
 * (one way to run nginx, in main sources) plus what tests observe (worker PIDs, reload count).
 */
public final class Nginx implements AutoCloseable {
    private final LocalNginx nginx;

    private Nginx(LocalNginx nginx) {
        this.nginx = nginx;
    }

    /** Writes {@code nginx.conf} around {@code httpBody}, starts nginx and waits for {@code ports}. */
    public static Nginx start(Path dir, String httpBody, int... ports) {
        try {
            return new Nginx(LocalNginx.start(dir, httpBody, ports));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A server block on {@code 127.0.0.1:port} that serves a site's releases the way pinkeeper's guide
     * says: certificate, key and header snippet read through the {@code live} symlink.
     */
    public static String serverFollowingLive(int port, Path live) {
        return """
                  server {
                    listen 127.0.0.1:%d ssl;
                    ssl_certificate %s/fullchain.pem;
                    ssl_certificate_key %s/privkey.pem;
                    include %s/headers-nginx.conf;
                    location / { return 200 "ok\\n"; }
                  }
                """.formatted(port, live, live, live);
    }

    /** The main config file. */
    public Path config() {
        return nginx.config();
    }

    /** The extra command-line arguments a reload must repeat ({@code -p}, {@code -e}). */
    public List<String> commandLineOptions() {
        return nginx.commandLineOptions();
    }

    /** The master's PID. */
    public long masterPid() {
        return nginx.masterPid();
    }

    /** The current worker PIDs (a reload replaces them). */
    public Set<Long> workerPids() {
        return ChildProcesses.of(nginx.masterPid());
    }

    /** How many reload signals the master has received so far (counted in its error log). */
    public int reloadCount() {
        Matcher m = Pattern.compile("signal 1 \\(SIGHUP\\) received").matcher(errorLog());
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    /** The error log. */
    public String errorLog() {
        return nginx.errorLog();
    }

    @Override
    public void close() {
        nginx.close();
    }
}
