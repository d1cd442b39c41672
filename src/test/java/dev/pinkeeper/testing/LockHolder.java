package dev.pinkeeper.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Another process (python3, {@code fcntl.lockf}: the POSIX lock {@code FileChannel.tryLock} takes) holding a
 * lock file until closed: what a concurrent pinkeeper run looks like to a site's lock.
 */
public final class LockHolder implements AutoCloseable {
    private final Process process;

    private LockHolder(Process process) {
        this.process = process;
    }

    /** Starts the holder and returns once it holds the lock on {@code file}. */
    public static LockHolder hold(Path file) throws IOException {
        Process process = new ProcessBuilder("python3", "-c",
                "import fcntl,sys,time\nf=open(sys.argv[1],'a')\nfcntl.lockf(f,fcntl.LOCK_EX)\nprint('locked',flush=True)\n"
                        + "time.sleep(120)", file.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"locked".equals(line)) {
            process.destroyForcibly();
            throw new IOException("the lock holder did not take " + file + ": " + line);
        }
        return new LockHolder(process);
    }

    /** The holder's process id. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
