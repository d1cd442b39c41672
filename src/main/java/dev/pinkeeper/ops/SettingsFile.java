package dev.pinkeeper.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

import dev.pinkeeper.plan.Durations;

/**
 * The machine's settings file, {@code /etc/pinkeeper/pinkeeper.toml} (TOML 1.0): defaults for every run, each key
 * named as the command-line option it stands for, without its dashes.
 *
 * <pre>
 * state = "/var/lib/pinkeeper"
 * directory = "letsencrypt"
 * eab-kid = "kid-1"
 * eab-hmac-key-file = "/etc/pinkeeper/eab-hmac.key"
 * roots = "/etc/pinkeeper/roots.pem"
 * target = "nginx"
 * notify-command = "/usr/local/bin/page-me"
 * notify-after = "14d"
 * pre-hook = "systemctl stop apache2"
 * deploy-hook = "systemctl reload postfix"
 * post-hook = "systemctl start apache2"
 * hooks-dir = "/etc/pinkeeper/hooks"
 * </pre>
 *
 * Strict: a key it does not know, a value of the wrong type, a relative path or a syntax error is refused with
 * one line naming the file, the line and the key. It names commands pinkeeper runs (as root, from the renew
 * unit), so a file every user may write is refused too.
 */
public final class SettingsFile {
    /** Where the settings file is unless {@code --config} or {@link #ENVIRONMENT_VARIABLE} say otherwise. */
    public static final Path DEFAULT = Path.of("/etc/pinkeeper/pinkeeper.toml");
    /** The environment variable naming another settings file. */
    public static final String ENVIRONMENT_VARIABLE = "PINKEEPER_CONFIG";

    private static final Set<String> PATHS = Set.of("state", "eab-hmac-key-file", "roots", "hooks-dir");
    private static final Set<String> TEXTS = Set.of("directory", "eab-kid", "target", "notify-command", "notify-after",
            "pre-hook", "deploy-hook", "post-hook");
    private static final Set<String> TARGETS = Set.of("nginx", "haproxy", "apache", "none");

    private SettingsFile() {
    }

    /** Every key the file may hold. */
    public static Set<String> keys() {
        Set<String> keys = new TreeSet<>(PATHS);
        keys.addAll(TEXTS);
        return keys;
    }

    /** Reads and checks {@code file}. */
    public static OperatorSettings read(Path file) throws SettingsFileException {
        TomlParseResult toml;
        try {
            if (Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new SettingsFileException(file + ": every user may write it, and it names commands pinkeeper"
                        + " runs: chmod o-w " + file);
            }
            toml = Toml.parse(file);
        } catch (NoSuchFileException e) {
            throw new SettingsFileException(file + ": no such file", e);
        } catch (IOException | UnsupportedOperationException e) {
            throw new SettingsFileException(file + ": cannot read it: " + e.getMessage(), e);
        }
        if (toml.hasErrors()) {
            TomlParseError error = toml.errors().get(0);
            throw new SettingsFileException(file + ":" + error.position().line() + ": " + error.getMessage());
        }
        for (String key : toml.keySet()) {
            Object value = toml.get(List.of(key));
            int line = line(toml.inputPositionOf(List.of(key)));
            if (!PATHS.contains(key) && !TEXTS.contains(key)) {
                throw new SettingsFileException(file + ":" + line + ": unknown key '" + key + "' (known: "
                        + String.join(", ", keys()) + ")");
            }
            if (!(value instanceof String text)) {
                throw new SettingsFileException(file + ":" + line + ": " + key + ": a string in quotes, not "
                        + kind(value));
            }
            String problem = problem(key, text);
            if (problem != null) {
                throw new SettingsFileException(file + ":" + line + ": " + key + ": " + problem);
            }
        }
        String notifyAfter = toml.getString(List.of("notify-after"));
        return new OperatorSettings(file, path(toml, "state"), toml.getString(List.of("directory")),
                toml.getString(List.of("eab-kid")), path(toml, "eab-hmac-key-file"), path(toml, "roots"),
                toml.getString(List.of("target")), toml.getString(List.of("notify-command")),
                notifyAfter == null ? null : Durations.parse(notifyAfter), toml.getString(List.of("pre-hook")),
                toml.getString(List.of("deploy-hook")), toml.getString(List.of("post-hook")), path(toml, "hooks-dir"));
    }

    /** What is wrong with {@code value} for {@code key}, or null. */
    private static String problem(String key, String value) {
        if (value.isBlank()) {
            return "empty";
        }
        if (PATHS.contains(key) && !Path.of(value).isAbsolute()) {
            return "'" + value + "' is not an absolute path";
        }
        if (key.equals("target") && !TARGETS.contains(value)) {
            return "nginx, haproxy, apache or none, not '" + value + "'";
        }
        if (key.equals("notify-after")) {
            try {
                Durations.parse(value); // as the options read it
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        return null;
    }

    private static Path path(TomlParseResult toml, String key) {
        String value = toml.getString(List.of(key));
        return value == null ? null : Path.of(value);
    }

    private static int line(TomlPosition position) {
        return position == null ? 0 : position.line();
    }

    private static String kind(Object value) {
        if (value instanceof org.tomlj.TomlTable) {
            return "a table";
        }
        if (value instanceof org.tomlj.TomlArray) {
            return "an array";
        }
        return value instanceof Boolean ? "a boolean" : value instanceof Number ? "a number"
                : "a " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
