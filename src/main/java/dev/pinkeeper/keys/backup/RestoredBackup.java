package dev.pinkeeper.keys.backup;

import dev.pinkeeper.keys.KeyEntry;

/**
 * The outcome of a restore.
 *
 * @param key            the key as the inventory now records it (online)
 * @param alreadyPresent true when the private key was already on this machine: nothing was written
 */
public record RestoredBackup(KeyEntry key, boolean alreadyPresent) {
}
