package dev.pinkeeper.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import dev.pinkeeper.site.SiteLayout;

/**
 * Where pinkeeper keeps its state: {@code --state DIR}, else the environment variable
 * {@code PINKEEPER_STATE}, else {@code ./pinkeeper-data}. Every command resolves it here.
 *
 * Its layout is named by {@link SiteLayout}.
 *
 * @param root the state directory (it need not exist yet)
 */
public record StateDirectory(Path root) {
    /** The environment variable naming the state directory. */
    public static final String ENVIRONMENT_VARIABLE = "PINKEEPER_STATE";
    /** The state directory used when neither an option nor the environment names one. */
    public static final Path DEFAULT = Path.of("pinkeeper-data");

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

    /**
     * Checks that this process can use the state directory: it does not exist yet (the first site
     * creates it), or it is a folder this user may list and enter, as is its {@code sites} folder.
     *
     * @throws InventoryException naming the folder: an empty path, not a folder, or one this user cannot read
     */
    public void check() throws InventoryException {
        if (root.toString().isEmpty()) {
            throw new InventoryException("the state directory is an empty path: name a folder");
        }
        checkFolder(root);
        checkFolder(sites());
    }

    /** {@link #check}, and that the folder of {@code site}, when it exists, can be read too. */
    public void checkSite(String site) throws InventoryException {
        check();
        checkFolder(site(site));
    }

    private static void checkFolder(Path folder) throws InventoryException {
        if (Files.isDirectory(folder)) {
            if (!Files.isReadable(folder) || !Files.isExecutable(folder)) {
                throw unreadable(folder);
            }
        } else if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new InventoryException(folder + ": not a folder (the state directory and its sites are folders)");
        } else if (!Files.notExists(folder, LinkOption.NOFOLLOW_LINKS)) { // a folder above it cannot be entered
            throw unreadable(folder);
        }
    }

    private static InventoryException unreadable(Path folder) {
        String owner = "";
        try {
            owner = " (owner uid " + Files.getAttribute(folder, "unix:uid") + ", "
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)) + ")";
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // the folder above cannot be entered either: say what is known
        }
        return new InventoryException(folder + ": cannot be read by this user" + owner
                + ": run pinkeeper as the user that owns the state directory");
    }

    /** The folder holding one folder per site. */
    public Path sites() {
        return SiteLayout.sites(root);
    }

    /** The folder of one site. */
    public Path site(String name) {
        return layout(name).directory();
    }

    /**
     * Every path of one site.
     *
     * @throws IllegalArgumentException if the name is not a valid site name
     */
    public SiteLayout layout(String name) {
        return SiteLayout.of(root, name);
    }

    /**
     * Checks a site name: lower-case letters, digits, dot, dash and underscore, at most 63
     * characters, starting with a letter or digit.
     *
     * @throws IllegalArgumentException if it is not a valid site name
     */
    public static void checkSiteName(String name) {
        SiteLayout.checkSiteName(name);
    }
}
