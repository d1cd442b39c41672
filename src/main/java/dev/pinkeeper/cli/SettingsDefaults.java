package dev.pinkeeper.cli;

import dev.pinkeeper.ops.OperatorSettings;

/** The settings file's defaults for this run ({@link OperatorSettings}); options given on the command line win. */
final class SettingsDefaults {
    private static volatile OperatorSettings current = OperatorSettings.NONE;

    private SettingsDefaults() {
    }

    /** The defaults in force. */
    static OperatorSettings current() {
        return current;
    }

    static void set(OperatorSettings settings) {
        current = settings;
    }
}
