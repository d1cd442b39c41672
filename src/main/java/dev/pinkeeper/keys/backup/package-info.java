/**
 * Offline backups of keys: the private key encrypted as PKCS#8 (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC),
 * a printable sheet (PNG and PDF) carrying it as QR codes with its pin and restore instructions, and
 * the restore that checks the pin against the inventory. Entry point: {@link dev.pinkeeper.keys.backup.OfflineBackup}.
 */
package dev.pinkeeper.keys.backup;
