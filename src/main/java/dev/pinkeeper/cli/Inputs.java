package dev.pinkeeper.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens the files named on a command line ({@code -} is standard input) with one-line errors. */
final class Inputs {
    private Inputs() {
    }

    /** Opens a named input; "-" is stdin (not closed by the caller's try-with-resources). */
    static InputStream open(String name) throws IOException {
        if ("-".equals(name)) {
            return new java.io.FilterInputStream(System.in) {
                @Override
                public void close() {
                    // leave stdin open
                }
            };
        }
        Path path = Path.of(name);
        if (Files.isDirectory(path)) {
            throw new IOException("is a directory");
        }
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new IOException("no such file");
        } catch (AccessDeniedException e) {
            throw new IOException("permission denied");
        }
    }

    /** The first line of a passphrase file, without its line ending. */
    static char[] passphrase(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read the passphrase file");
        }
    }

    /** Describes an I/O failure in a few words. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.replaceAll("\\s+", " ").strip();
    }
}
