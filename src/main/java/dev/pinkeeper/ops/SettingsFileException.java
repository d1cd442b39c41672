package dev.pinkeeper.ops;

/** The settings file cannot be used: the message is one line naming the file, the line and the key. */
public final class SettingsFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public SettingsFileException(String message) {
        super(message);
    }

    public SettingsFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
