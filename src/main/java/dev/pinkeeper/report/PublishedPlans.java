package dev.pinkeeper.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;

/**
 * Site plans published to a file for a collector that may not read the state directory: written by
 * {@link SitePlanFile#write} (atomically, mode {@link SitePlanFile#PUBLISHED}), readable by the group the file took
 * from its folder.
 *
 * @param file  the plans file written
 * @param group the group that may read it
 * @param sites the names of the sites in it, in order
 * @param hosts how many host names its plans cover
 */
public record PublishedPlans(Path file, String group, List<String> sites, int hosts) {
    public PublishedPlans {
        sites = List.copyOf(sites);
    }

    /** Writes {@code plans} to {@code file} and says who may read them. */
    public static PublishedPlans publish(SitePlans plans, Path file) throws IOException {
        SitePlanFile.write(plans, file);
        String group = Files.readAttributes(file, PosixFileAttributes.class).group().getName();
        return new PublishedPlans(file, group, plans.all().stream().map(SitePlan::name).distinct().toList(),
                plans.all().size());
    }
}
