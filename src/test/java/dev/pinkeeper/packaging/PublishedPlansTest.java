package dev.pinkeeper.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.PlanSettings;
import dev.pinkeeper.report.SitePlanFile;
import dev.pinkeeper.report.StateSitePlans;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged collector runs as its own user, outside the root-only state folder: it reads the plans that
 * {@code collector export-plans} publishes (0640, the group of a setgid folder), and no file of the state
 * folder. Here the user is nobody and the collector's group {@code users} stands in for pinkeeper-plans.
 */
class PublishedPlansTest {
    private static final Path UNITS = Path.of("contrib/systemd");

    @TempDir
    Path temp;

    @Test
    void theCollectorsUserReadsThePublishedPlansAndNoKey() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "changing groups and running as nobody needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")),
                "no runuser");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x")); // as /var/lib is
        StateDirectory state = new StateDirectory(temp.resolve("state"));
        KeyInventory inventory = new KeyInventory(state);
        inventory.create("web", List.of("web.example", "api.web.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        Instant start = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        PlanService plans = new PlanService(inventory);
        plans.init("web", PlanSettings.DEFAULT, start);
        plans.advance("web", start, false);

        // as postinst makes /var/lib/pinkeeper-plans: setgid, the collector's group
        Path published = Files.createDirectory(temp.resolve("pinkeeper-plans"));
        sh("chgrp users '" + published + "' && chmod 2750 '" + published + "'");
        Path file = published.resolve("plans.json");
        Cli.Result export = Cli.run("--quiet", "collector", "export-plans", "--state", temp.resolve("state").toString(),
                "--out", file.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).isEmpty();
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
        assertThat(PosixFilePermissions.toString(attributes.permissions())).isEqualTo("rw-r-----");
        assertThat(attributes.group().getName()).isEqualTo("users");
        // what the collector reads from it (collector --plan) is the plan of the state folder
        assertThat(SitePlanFile.read(file).all()).isEqualTo(StateSitePlans.read(state, List.of()).all());

        // the collector's user, in the group: reads the plans ...
        Processes.Output asCollector = sh("runuser -u nobody -G users -- cat '" + file + "'");
        assertThat(asCollector.code()).as(asCollector.err()).isZero();
        assertThat(asCollector.out()).contains("\"site\" : \"web.example\"");
        // ... because of the group, not because anyone may: nobody without it reads nothing
        assertThat(sh("runuser -u nobody -- cat '" + file + "'").code()).isNotZero();
        // ... and no file of the state folder, the private keys among them
        List<Path> stateFiles;
        try (Stream<Path> walk = Files.walk(temp.resolve("state"))) {
            stateFiles = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(stateFiles).anyMatch(f -> f.toString().contains("key"));
        for (Path stateFile : stateFiles) {
            assertThat(sh("runuser -u nobody -G users -- cat '" + stateFile + "'").code()).as(stateFile.toString()).isNotZero();
        }
        assertThat(sh("runuser -u nobody -G users -- ls '" + temp.resolve("state") + "'").code()).isNotZero();
    }

    @Test
    void thePackagedUnitsPublishWhereTheCollectorReads() throws IOException {
        String collector = Files.readString(UNITS.resolve("pinkeeper-collector.service"));
        String renew = Files.readString(UNITS.resolve("pinkeeper-renew.service"));
        String postinst = Files.readString(Path.of("packaging/debian/postinst"));
        String read = group(collector, "(?m)^ExecStart=/usr/bin/pinkeeper collector .*--plan (\\S+)");
        String written = group(renew, "(?m)^ExecStopPost=-/usr/bin/pinkeeper --quiet collector export-plans --out (\\S+)$");
        assertThat(read).isEqualTo(written).isEqualTo("/var/lib/pinkeeper-plans/plans.json");
        assertThat(collector).contains("\nDynamicUser=true\n", "\nSupplementaryGroups=pinkeeper-plans\n",
                "\nInaccessiblePaths=-/var/lib/pinkeeper\n");
        assertThat(renew).containsPattern("(?m)^ReadWritePaths=.* -/var/lib/pinkeeper-plans ");
        assertThat(postinst).contains("install -d -m 2750 -o root -g pinkeeper-plans /var/lib/pinkeeper-plans",
                "groupadd --system pinkeeper-plans", "collector export-plans \\\n            --out " + written);
        assertThat(postinst).contains("mkdir -m 0700 /var/lib/pinkeeper\n");
    }

    private static String group(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex).isTrue();
        return matcher.group(1);
    }

    private Processes.Output sh(String command) {
        return Processes.sh(temp, command);
    }
}
