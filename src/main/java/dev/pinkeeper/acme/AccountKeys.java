package dev.pinkeeper.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

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
        SafeFiles.privateDirectory(dir);
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            KeyPair created = ephemeralKey();
            try {
                // readers see no key or a whole key, and a key that exists is never replaced
                SafeFiles.writeNewAtomically(file, Pem.privateKey(created.getPrivate()).getBytes(StandardCharsets.US_ASCII));
                return created;
            } catch (FileAlreadyExistsException raced) {
                // another run created it first: use that one
            }
        }
        try {
            return KeyPairFiles.read(file);
        } catch (IOException e) {
            throw new IOException("unreadable ACME account key " + e.getMessage(), e);
        }
    }

    /** A new EC P-256 key pair, kept nowhere. */
    static KeyPair ephemeralKey() {
        return KeyGenerator.generate(KeyAlgorithm.EC_P256);
    }
}
