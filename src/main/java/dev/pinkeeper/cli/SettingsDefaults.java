package dev.pinkeeper.cli;

import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.lifecycle.AcmeSettings;
import dev.pinkeeper.lifecycle.CaSettings;
import dev.pinkeeper.lifecycle.DeploySettings;
import dev.pinkeeper.ops.OperatorSettings;
import dev.pinkeeper.ops.SettingsFile;
import dev.pinkeeper.ops.SettingsFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        String named = environment.get(SettingsFile.ENVIRONMENT_VARIABLE);
        Path file;
        String where;
        if (option != null) {
            file = option;
            where = "--config: ";
        } else if (named != null && !named.isBlank()) {
            file = Path.of(named);
            where = "$" + SettingsFile.ENVIRONMENT_VARIABLE + ": ";
        } else if (Files.exists(SettingsFile.DEFAULT)) {
            file = SettingsFile.DEFAULT;
            where = "";
        } else {
            return OperatorSettings.NONE;
        }
        try {
            return SettingsFile.read(file);
        } catch (SettingsFileException e) {
            throw new UsageException(where + e.getMessage(), e);
        }
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
        OperatorSettings file = current();
        if (file.directory() == null && file.roots() == null) {
            return AcmeSettings.empty();
        }
        return new AcmeSettings(new CaSettings(file.directory(), null, file.roots() == null ? null
                : file.roots().toString()), null, null, null, null, null, null, List.of());
    }

    /** The file's deployment defaults (the target), below a site's saved ones. */
    static DeploySettings deploy() {
        String target = current().target();
        DeploySettings empty = DeploySettings.empty();
        return target == null ? empty : new DeploySettings(target, null, List.of(), null, null, null, null, null, null,
                null, null, null, List.of());
    }
}
