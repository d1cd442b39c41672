package dev.pinkeeper.keys;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where pinkeeper keeps its state: {@code --state DIR}, else the environment variable
 * {@code PINKEEPER_STATE}, else {@code ./pinkeeper-data}. Every command resolves it here.
 *
 * <pre>
 * STATE/sites/SITE/lock                 lock file (FileChannel.tryLock) of the site
 * STATE/sites/SITE/live                 symlink to the live inventory version
 * STATE/sites/SITE/versions/NNNNNN-TIMESTAMP.json   immutable inventory versions
 * STATE/sites/SITE/keys/ID/             one immutable directory per key (0700)
 * </pre>
 *
 * @param root the state directory (it need not exist yet)
 */
public record StateDirectory(Path root) {
    /** The environment variable naming the state directory. */
    public static final String ENVIRONMENT_VARIABLE = "PINKEEPER_STATE";
    /** The state directory used when neither an option nor the environment names one. */
    public static final Path DEFAULT = Path.of("pinkeeper-data");

    private static final Pattern SITE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    /** The state directory named by {@code option} (may be null), the environment, or the default. */
    public static StateDirectory resolve(Path option) {
        return resolve(option, System.getenv());
    }

    /** As {@link #resolve(Path)}, with the environment given (for tests). */
    public static StateDirectory resolve(Path option, Map<String, String> environment) {
        if (option != null) {
            return new StateDirectory(option);
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new StateDirectory(Path.of(fromEnvironment));
        }
        return new StateDirectory(DEFAULT);
    }

    /** The folder holding one folder per site. */
    public Path sites() {
        return root.resolve("sites");
    }

    /** The folder of one site. */
    public Path site(String name) {
        checkSiteName(name);
        return sites().resolve(name);
    }

    /**
     * Checks a site name: lower-case letters, digits, dot, dash and underscore, at most 63
     * characters, starting with a letter or digit.
     *
     * @throws IllegalArgumentException if it is not a valid site name
     */
    public static void checkSiteName(String name) {
        if (name == null || !SITE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid site name '" + name
                    + "': use lower-case letters, digits, '.', '-' and '_' (at most 63)");
        }
    }
}
