package dev.pinkeeper.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether {@link PackageIT} may install and purge the pinkeeper package on this machine: only when nothing
 * of an installed pinkeeper would be lost. A pinkeeper package (or a tarball's files under {@code /usr},
 * {@code /etc}, {@code /lib}) that PackageIT did not install itself is never replaced or purged; a package an
 * interrupted PackageIT run left behind (its marker file still there) is.
 *
 * @param root   the file system's root ({@code /}; a scratch folder in a test)
 * @param status what dpkg says of the package ({@code install ok installed}), empty when it knows none
 */
record ScratchMachine(Path root, Optional<String> status) {
    /** Written before PackageIT installs the package, deleted after it purged it. */
    static final String MARKER = "var/tmp/pinkeeper-package-it.marker";

    /** What the package installs that an operator's own install may already hold. */
    private static final List<String> PATHS = List.of("usr/bin/pinkeeper", "usr/share/pinkeeper", "etc/pinkeeper",
            "lib/systemd/system/pinkeeper-renew.service", "lib/systemd/system/pinkeeper-collector.service");

    /** The marker file of an interrupted run. */
    Path marker() {
        return root.resolve(MARKER);
    }

    /** Whether dpkg knows a pinkeeper package: installed, half installed, or removed with its conffiles kept. */
    boolean packageInstalled() {
        return status.filter(s -> !s.isBlank() && !s.endsWith("not-installed")).isPresent();
    }

    /**
     * Why PackageIT must not run here, or empty when it may: it would replace or purge what an operator
     * installed.
     */
    Optional<String> refusal() {
        if (Files.exists(marker())) {
            return Optional.empty(); // ours: an interrupted run installed it
        }
        if (packageInstalled()) {
            return Optional.of("a pinkeeper package is installed on this machine (dpkg: " + status.orElseThrow()
                    + "): PackageIT would replace and purge it; run it on a throwaway machine or container");
        }
        List<String> present = new ArrayList<>();
        for (String path : PATHS) {
            if (Files.exists(root.resolve(path), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                present.add("/" + path);
            }
        }
        if (!present.isEmpty()) {
            return Optional.of("pinkeeper is installed on this machine without its package (" + String.join(", ", present)
                    + "): PackageIT would overwrite it and its purge would delete it; run it on a throwaway machine"
                    + " or container");
        }
        return Optional.empty();
    }

    /** Marks the package as PackageIT's own, before it installs it. */
    void mark() throws IOException {
        Files.createDirectories(marker().getParent());
        Files.writeString(marker(), "installed by PackageIT; it purges the pinkeeper package when it sees this\n");
    }

    /** After the purge: the package is gone, the marker too. */
    void unmark() throws IOException {
        Files.deleteIfExists(marker());
    }
}
