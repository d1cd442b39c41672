package dev.pinkeeper.acme;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.pin.Pin;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;

/**
 * The URL of the ACME account the kept account key opened, kept next to that key as {@value #FILE_NAME} (0600)
 * after the first login, so that later runs log in with it instead of asking the CA again ({@code newAccount}:
 * one signed request per site and run saved). It is used only for the same CA directory and the same account key
 * (a key rolled over or an account deactivated makes it stale: the next login asks the CA again and keeps the
 * answer). Three lines: the directory URL, the account URL and the account key's pin.
 */
final class KeptAccount {
    /** The file's name inside the account directory. */
    static final String FILE_NAME = "account-url";

    private KeptAccount() {
    }

    /** The kept account URL for {@code directory} and {@code key}, or empty (none kept, or kept for another). */
    static Optional<URL> read(Path accountDirectory, URI directory, KeyPair key) {
        Path file = accountDirectory.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            if (lines.size() != 3 || !lines.get(0).equals(directory.toString()) || !lines.get(2).equals(pin(key))) {
                return Optional.empty();
            }
            return Optional.of(new URI(lines.get(1)).toURL());
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return Optional.empty(); // unreadable: the CA is asked again, and the answer replaces it
        }
    }

    /** Keeps {@code account} as the URL of the account {@code key} opens at {@code directory} (0600, atomically). */
    static void write(Path accountDirectory, URI directory, KeyPair key, URL account) throws IOException {
        String content = directory + "\n" + account + "\n" + pin(key) + "\n";
        Path file = accountDirectory.resolve(FILE_NAME);
        byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
        if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        SafeFiles.privateDirectory(accountDirectory);
        SafeFiles.replace(file, bytes, SafeFiles.PRIVATE_FILE);
    }

    /** Forgets the kept URL (the CA no longer knows that account). */
    static void forget(Path accountDirectory) throws IOException {
        Files.deleteIfExists(accountDirectory.resolve(FILE_NAME));
    }

    private static String pin(KeyPair key) {
        return Pin.ofSpki(key.getPublic().getEncoded()).base64();
    }
}
