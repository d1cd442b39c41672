package dev.pinkeeper.analyse;

/**
 * One thing the analyser found.
 *
 * @param severity how much it matters
 * @param code     a stable identifier, e.g. {@code no-backup-pin}
 * @param message  what is wrong or worth knowing, one line
 * @param fix      what to do about it, one line, or null for notes that need nothing
 */
public record Finding(Severity severity, String code, String message, String fix) {
}
