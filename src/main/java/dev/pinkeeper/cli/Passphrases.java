package dev.pinkeeper.cli;

import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;

/** Passphrases from {@code --passphrase-file} or, when there is none, from the terminal. */
final class Passphrases {
    private Passphrases() {
    }

    /**
     * The passphrase from the file, else asked on the terminal (twice when {@code confirm}).
     *
     * @throws UsageException if there is no file and no terminal, or the two entries differ
     */
    static char[] read(Path file, boolean confirm) {
        if (file != null) {
            return Inputs.passphrase(file);
        }
        Console console = System.console();
        if (console == null) {
            throw new UsageException("no --passphrase-file given and no terminal to ask for the passphrase");
        }
        char[] first = console.readPassword("Passphrase: ");
        if (first == null) {
            throw new UsageException("no passphrase entered");
        }
        if (confirm) {
            char[] second = console.readPassword("Passphrase again: ");
            if (second == null || !Arrays.equals(first, second)) {
                throw new UsageException("the two passphrases differ");
            }
            Arrays.fill(second, '\0');
        }
        return first;
    }
}
