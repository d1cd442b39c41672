package dev.pinkeeper.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Whether a command's output reached standard output. {@link PrintStream} and picocli's
 * {@link PrintWriter} swallow write errors (a full disk, a closed pipe), so {@link Main} asks them once
 * after every command ({@link #failed}); the process's own standard output, {@link #install installed}
 * by {@code main}, also remembers why, for the one-line error.
 */
final class StandardOutput extends OutputStream {
    private static volatile StandardOutput installed;

    private final OutputStream out = new FileOutputStream(FileDescriptor.out);
    private volatile IOException failure;

    private StandardOutput() {
    }

    /** Replaces {@code System.out} by a stream over file descriptor 1 that records its first write error. */
    static void install() {
        StandardOutput output = new StandardOutput();
        installed = output;
        System.setOut(new PrintStream(new BufferedOutputStream(output, 1 << 13), true, charset()));
    }

    /** The charset of the JVM's own {@code System.out} (Java 17: sun.stdout.encoding, else the default). */
    private static Charset charset() {
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /**
     * Flushes {@code System.out} and {@code writer} and returns why writing failed, or null when
     * everything written reached standard output.
     */
    static String failed(PrintWriter writer) {
        boolean failed = writer.checkError() | System.out.checkError();
        if (!failed) {
            return null;
        }
        StandardOutput output = installed;
        IOException cause = output == null ? null : output.failure;
        return cause == null || cause.getMessage() == null ? "write error" : cause.getMessage();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
