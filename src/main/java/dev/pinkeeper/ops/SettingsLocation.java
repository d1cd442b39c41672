package dev.pinkeeper.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a run's settings file is: the file named for this run, else the one {@link SettingsFile#ENVIRONMENT_VARIABLE}
 * names, else {@link SettingsFile#DEFAULT} when it exists, else none.
 *
 * @param file   the settings file
 * @param origin what named it
 */
public record SettingsLocation(Path file, Origin origin) {
    /** What named the settings file. */
    public enum Origin {
        /** named for this run */
        GIVEN,
        /** named by {@link SettingsFile#ENVIRONMENT_VARIABLE} */
        ENVIRONMENT,
        /** {@link SettingsFile#DEFAULT}, which exists */
        DEFAULT
    }

    /** The settings file of a run given {@code given} (null: none) in {@code environment}, or empty when there is none. */
    public static Optional<SettingsLocation> find(Path given, Map<String, String> environment) {
        if (given != null) {
            return Optional.of(new SettingsLocation(given, Origin.GIVEN));
        }
        String named = environment.get(SettingsFile.ENVIRONMENT_VARIABLE);
        if (named != null && !named.isBlank()) {
            return Optional.of(new SettingsLocation(Path.of(named), Origin.ENVIRONMENT));
        }
        if (Files.exists(SettingsFile.DEFAULT)) {
            return Optional.of(new SettingsLocation(SettingsFile.DEFAULT, Origin.DEFAULT));
        }
        return Optional.empty();
    }
}
