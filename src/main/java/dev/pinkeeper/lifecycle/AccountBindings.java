package dev.pinkeeper.lifecycle;

import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.acme.AccountBinding;
import dev.pinkeeper.files.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Where a site keeps the HMAC key of each CA's External Account Binding: {@link SiteLayout#accountBinding}
 * (0600) in the CA's private account folder ({@code accounts/CA/}, 0700), next to the account key; the key id is a
 * setting of {@code acme.json} ({@link CaSettings#eabKeyId}). The key is a secret: it is never written
 * anywhere else, never printed.
 */
public final class AccountBindings {
    private AccountBindings() {
    }

    /** The HMAC key file of {@code ca}'s binding. */
    public static Path file(SiteLayout paths, String ca) {
        return paths.accountBinding(ca);
    }

    /**
     * The saved binding of {@code ca} for {@code keyId}, or null when no key id is set or no HMAC key is kept.
     *
     * @throws InvalidSettingException when the kept HMAC key cannot be read or used
     */
    public static AccountBinding saved(SiteLayout paths, String ca, String keyId) {
        Path file = file(paths, ca);
        if (keyId == null || !Files.exists(file)) {
            return null;
        }
        SiteSetting setting = "backup".equals(ca) ? SiteSetting.BACKUP_EAB_KEY_ID : SiteSetting.EAB_KEY_ID;
        try {
            return AccountBinding.of(keyId, Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidSettingException(setting, "the kept HMAC key " + file + " cannot be used: "
                    + e.getMessage(), e);
        }
    }

    /** Keeps {@code binding}'s HMAC key for {@code ca} (0600, replaced atomically). */
    public static void save(SiteLayout paths, String ca, AccountBinding binding) throws IOException {
        Path file = file(paths, ca);
        SafeFiles.privateDirectory(file.getParent());
        byte[] content = binding.encodedMacKey().getBytes(StandardCharsets.US_ASCII);
        if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), content)) {
            return;
        }
        SafeFiles.replace(file, content, SafeFiles.PRIVATE_FILE);
    }

    /**
     * Keeps the bindings given in a run that issued ({@code primary}, {@code backup}: null when not given) and
     * forgets those whose key id (or, for the backup CA, whose directory) was {@code cleared}.
     */
    public static void keep(SiteLayout paths, Set<SiteSetting> cleared, AccountBinding primary, AccountBinding backup)
            throws IOException {
        if (primary != null) {
            save(paths, "primary", primary);
        } else if (cleared.contains(SiteSetting.EAB_KEY_ID)) {
            forget(paths, "primary");
        }
        if (backup != null) {
            save(paths, "backup", backup);
        } else if (cleared.contains(SiteSetting.BACKUP_EAB_KEY_ID) || cleared.contains(SiteSetting.BACKUP_DIRECTORY)) {
            forget(paths, "backup");
        }
    }

    /** Forgets {@code ca}'s HMAC key (its key id was cleared). */
    public static void forget(SiteLayout paths, String ca) throws IOException {
        Files.deleteIfExists(file(paths, ca));
    }

    /**
     * Reads an HMAC key file a user gave for {@code keyId}: base64url text as the CA hands it out.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or is no usable key (never quoting it)
     */
    public static AccountBinding read(String keyId, Path macKeyFile) {
        String text;
        try {
            if (Files.size(macKeyFile) > 4096) {
                throw new IllegalArgumentException(macKeyFile + ": too large for an HMAC key");
            }
            text = Files.readString(macKeyFile, StandardCharsets.US_ASCII);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read " + macKeyFile + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException(macKeyFile + ": not ASCII text", e);
        }
        try {
            return AccountBinding.of(keyId, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(macKeyFile + ": " + e.getMessage(), e);
        }
    }
}
