package dev.pinkeeper.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Optional;

import dev.pinkeeper.files.Pem;
import dev.pinkeeper.files.KeyPairFiles;
import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyGenerator;

/**
 * The ACME account key: created once (EC P-256) in a private directory (0700) as
 * {@value #FILE_NAME} (0600), then reused for every order at that CA.
 */
public final class AccountKeys {
    /** The key file's name inside the account directory. */
    public static final String FILE_NAME = "account-key.pem";

    private AccountKeys() {
    }

    /** Reads the account key in {@code dir}, creating the directory and the key the first time. */
    public static KeyPair loadOrCreate(Path dir) throws IOException {
        Optional<KeyPair> existing = load(dir);
        if (existing.isPresent()) {
            return existing.get();
        }
        KeyPair created = ephemeralKey();
        return saveNew(dir, created);
    }

    /** The account key in {@code dir}, or empty when there is none yet. */
    public static Optional<KeyPair> load(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyPairFiles.read(file));
        } catch (IOException e) {
            throw new IOException("unreadable ACME account key " + e.getMessage(), e);
        }
    }

    /**
     * Keeps {@code key} as the account key in {@code dir} unless one exists already (another run created it
     * first): readers see no key or a whole key, and a key that exists is never replaced.
     *
     * @return the account key now kept ({@code key}, or the one that was there first)
     */
    static KeyPair saveNew(Path dir, KeyPair key) throws IOException {
        SafeFiles.privateDirectory(dir);
        try {
            SafeFiles.writeNewAtomically(dir.resolve(FILE_NAME), Pem.privateKey(key.getPrivate()).getBytes(StandardCharsets.US_ASCII));
            return key;
        } catch (FileAlreadyExistsException raced) {
            return load(dir).orElseThrow(() -> raced);
        }
    }

    /** Replaces the account key in {@code dir} with {@code key} (after the CA accepted the change), atomically. */
    static void replace(Path dir, KeyPair key) throws IOException {
        SafeFiles.privateDirectory(dir);
        SafeFiles.replace(dir.resolve(FILE_NAME), Pem.privateKey(key.getPrivate()).getBytes(StandardCharsets.US_ASCII),
                SafeFiles.PRIVATE_FILE);
    }

    /** A new EC P-256 key pair, kept nowhere. */
    static KeyPair ephemeralKey() {
        return KeyGenerator.generate(KeyAlgorithm.EC_P256);
    }
}
