package dev.pinkeeper.report.store;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Names for files moved aside and kept for the operator: {@code PREFIX-20261207T003538Z[-2]SUFFIX}. */
final class AsideNames {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private AsideNames() {
    }

    /** A name in {@code folder} that is not taken, stamped with the current UTC time. */
    static Path unused(Path folder, String prefix, String suffix) {
        String stamped = prefix + "-" + STAMP.format(OffsetDateTime.now(ZoneOffset.UTC));
        Path name = folder.resolve(stamped + suffix);
        for (int n = 2; Files.exists(name, LinkOption.NOFOLLOW_LINKS); n++) {
            name = folder.resolve(stamped + "-" + n + suffix);
        }
        return name;
    }
}
