package dev.pinkeeper.cli;

import java.util.List;


import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.SiteInventory;

/**
 * The warning {@code plan show}, {@code verify --site}, {@code deploy}, {@code issue} and {@code renew} give
 * while a backup key's private half is still on this machine ({@link SiteInventory#onlineBackups()}): one
 * line per backup, with the command that exports it and takes it offline. On stderr, and with
 * {@code --json} also in the document's {@code warnings}.
 */
final class BackupWarnings {
    private BackupWarnings() {
    }

    /** The command line that exports a backup key encrypted and removes its private key from this machine. */
    static String exportCommand(String site, String keyId) {
        return "pinkeeper keys backup export --site " + site + " --key " + keyId + " --out DIR --offline";
    }

    /** What {@code plan emergency} and {@code issue --emergency} print about the replacement backup they generate. */
    static String exportNow(String site, String keyId) {
        return "Export the replacement backup offline now:\n  " + exportCommand(site, keyId) + "\n";
    }

    /** One line per backup key of {@code keys} still online; empty once every backup is offline. */
    static List<String> of(SiteInventory keys) {
        return keys.onlineBackups().stream().map(key -> line(keys.site(), key)).toList();
    }

    /** Prints {@link #of} on stderr and returns the lines (for a JSON document's {@code warnings}). */
    static List<String> print(SiteInventory keys) {
        List<String> lines = of(keys);
        lines.forEach(line -> System.err.println("warning: " + line));
        System.err.flush();
        return lines;
    }

    private static String line(String site, KeyEntry key) {
        return "the private key of backup key " + key.id() + " of site " + site + " is still on this machine:"
                + " export it offline with: " + exportCommand(site, key.id());
    }
}
