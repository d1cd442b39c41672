package dev.pinkeeper.cli;

import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.lifecycle.AcmeSettings;
import dev.pinkeeper.lifecycle.DeploySettings;
import dev.pinkeeper.ops.OperatorSettings;
import dev.pinkeeper.ops.SettingsFile;
import dev.pinkeeper.ops.SettingsFileException;
import dev.pinkeeper.ops.SettingsLocation;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The settings file's defaults for this run ({@link OperatorSettings}): {@code --config FILE}, else
 * {@code $PINKEEPER_CONFIG}, else {@code /etc/pinkeeper/pinkeeper.toml} when it exists. Read once, when a command
 * first needs a default (a command that needs none never reads it); a file that cannot be used is one usage error.
 * Options given on the command line win; for the ACME and deployment settings a site saved, those win too.
 */
final class SettingsDefaults {
    /** The environment the file's name is read from (tests replace it). */
    static Map<String, String> environment = System.getenv();

    private static volatile Path option;
    private static volatile OperatorSettings loaded;

    private SettingsDefaults() {
    }

    /** Forgets the file of the previous command line ({@link Main#execute}). */
    static void reset() {
        option = null;
        loaded = null;
    }

    /** {@code --config FILE}: reads it now. */
    static void use(Path file) {
        if (file.toString().isBlank()) {
            throw new UsageException("--config: an empty path; name a file, or leave the option out");
        }
        option = file;
        loaded = null;
        current();
    }

    /** The defaults in force. */
    static OperatorSettings current() {
        OperatorSettings settings = loaded;
        if (settings == null) {
            settings = load();
            loaded = settings;
        }
        return settings;
    }

    private static OperatorSettings load() {
        Optional<SettingsLocation> location = SettingsLocation.find(option, environment);
        if (location.isEmpty()) {
            return OperatorSettings.NONE;
        }
        try {
            return SettingsFile.read(location.get().file());
        } catch (SettingsFileException e) {
            throw new UsageException(where(location.get().origin()) + e.getMessage(), e);
        }
    }

    /** What an error in the settings file starts with: what named it. */
    private static String where(SettingsLocation.Origin origin) {
        return switch (origin) {
            case GIVEN -> "--config: ";
            case ENVIRONMENT -> "$" + SettingsFile.ENVIRONMENT_VARIABLE + ": ";
            case DEFAULT -> "";
        };
    }

    /**
     * The state folder when no {@code --state} was given: {@code $PINKEEPER_STATE}, else the file's {@code state},
     * else the installed command's ({@code -Dpinkeeper.default-state}: /var/lib/pinkeeper), else null (the
     * built-in default, ./pinkeeper-data).
     */
    static Path state() {
        String fromEnvironment = environment.get(StateDirectory.ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return null;
        }
        if (current().state() != null) {
            return current().state();
        }
        String installed = System.getProperty("pinkeeper.default-state");
        return installed == null || installed.isBlank() ? null : Path.of(installed);
    }

    /** The file's ACME defaults (primary CA directory and roots), below a site's saved ones. */
    static AcmeSettings acme() {
        return current().acmeDefaults();
    }

    /** The file's deployment defaults (the target), below a site's saved ones. */
    static DeploySettings deploy() {
        return current().deployDefaults();
    }
}
