package dev.pinkeeper.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The process's standard output and error as {@code main} {@link #install installs} them: both escape
 * every control character ({@link EscapingOutputStream}), and standard output remembers why a write
 * failed. {@link PrintStream} and picocli's {@link PrintWriter} swallow write errors (a full disk, a
 * closed pipe), so {@link Main} asks them once after every command whether all output got through
 * ({@link #failed}).
 */
final class StandardStreams extends OutputStream {
    private static volatile StandardStreams installed;

    private final OutputStream out = new FileOutputStream(FileDescriptor.out);
    private volatile IOException failure;

    private StandardStreams() {
    }

    /**
     * Replaces {@code System.out} by a stream over file descriptor 1 that records its first write error,
     * and both {@code System.out} and {@code System.err} by streams that escape control characters.
     */
    static void install() {
        StandardStreams output = new StandardStreams();
        installed = output;
        Charset stdout = charset("stdout");
        System.setOut(new PrintStream(new EscapingOutputStream(new BufferedOutputStream(output, 1 << 13),
                stdout.equals(StandardCharsets.UTF_8)), true, stdout));
        Charset stderr = charset("stderr");
        System.setErr(new PrintStream(new EscapingOutputStream(new FileOutputStream(FileDescriptor.err),
                stderr.equals(StandardCharsets.UTF_8)), true, stderr));
    }

    /** The charset of the JVM's own {@code System.out} or {@code err} (Java 17: sun.stdout.encoding, else the default). */
    private static Charset charset(String stream) {
        String name = System.getProperty(stream + ".encoding", System.getProperty("sun." + stream + ".encoding"));
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
        StandardStreams output = installed;
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
