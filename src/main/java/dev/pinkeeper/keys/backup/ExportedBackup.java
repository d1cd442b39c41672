package dev.pinkeeper.keys.backup;

import java.nio.file.Path;

import dev.pinkeeper.keys.KeyEntry;

/**
 * The files one export wrote.
 *
 * @param key          the exported key as the inventory now records it (offline if taken offline)
 * @param encryptedKey the encrypted PKCS#8 PEM file
 * @param png          the sheet as PNG
 * @param pdf          the sheet as PDF
 * @param qrParts      how many QR codes the sheet carries
 */
public record ExportedBackup(KeyEntry key, Path encryptedKey, Path png, Path pdf, int qrParts) {
}
