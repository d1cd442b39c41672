package dev.pinkeeper.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.testing.TestPki;

class SitePlanFileTest {
    @TempDir
    Path dir;

    @Test
    void whatItWritesItReadsBackGroupReadableOnly() throws Exception {
        Pin a = TestPki.root("a").pin();
        Pin b = TestPki.root("b").pin();
        SitePlan plan = new SitePlan("shop.example", true,
                List.of(new PlannedPin(a, "current", "k1"), new PlannedPin(b, "backup", null)),
                List.of(new HeaderVersion("v1", Set.of(a), Instant.parse("2026-01-01T00:00:00Z"),
                                Instant.parse("2026-06-01T00:00:00Z")),
                        new HeaderVersion("v2", Set.of(a, b), Instant.parse("2026-06-01T00:00:00Z"), null)),
                List.of(new TimelineEvent(Instant.parse("2026-06-02T00:00:00Z"), "key B live")), "shop", Set.of(b));
        Path file = dir.resolve("plans.json");
        Files.writeString(file, "old");
        SitePlanFile.write(SitePlans.of(List.of(plan)), file);
        assertThat(SitePlanFile.read(file).all()).containsExactly(plan);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(file); // no temporary file left beside it
        }
    }

    @Test
    void readsPinsVersionsAndTimeline() throws Exception {
        Pin a = TestPki.root("a").pin();
        Pin b = TestPki.root("b").pin();
        Path file = dir.resolve("plan.json");
        Files.writeString(file, """
                {"sites":[{"site":"Example.COM","includeSubdomains":true,
                  "pins":[{"pin":"%s","role":"current","label":"key A"},{"pin":"sha256/%s","role":"backup"}],
                  "headerVersions":[{"label":"v2","pins":["%s","%s"],"servedFrom":"2026-06-01T00:00:00Z"},
                                    {"label":"v1","pins":["%s"],"servedFrom":"2026-01-01T00:00:00Z","servedUntil":"2026-06-01T00:00:00Z"}],
                  "timeline":[{"at":"2026-06-02T00:00:00Z","what":"key B live"}]}]}
                """.formatted(a.base64(), b.base64(), a.base64(), b.base64(), a.base64()));
        SitePlans plans = SitePlanFile.read(file);
        SitePlan plan = plans.forHost("api.example.com").orElseThrow();
        assertThat(plan.site()).isEqualTo("example.com");
        assertThat(plan.pins()).extracting(PlannedPin::role).containsExactly("current", "backup");
        assertThat(plan.headerVersions()).extracting(HeaderVersion::label).containsExactly("v1", "v2");
        assertThat(plan.newestVersion().pins()).containsExactlyInAnyOrder(a, b);
        assertThat(plan.headerVersions().get(0).servedUntil()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(plan.timeline().get(0).what()).isEqualTo("key B live");
        assertThat(plans.forHost("example.org")).isEmpty();
    }

    @Test
    void refusesMissingFieldsWithOneLine() throws Exception {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "{\"sites\":[{\"pins\":[]}]}");
        assertThatThrownBy(() -> SitePlanFile.read(file)).isInstanceOf(IOException.class).hasMessage("\"site\" is missing");
        Files.writeString(file, "not json");
        assertThatThrownBy(() -> SitePlanFile.read(file)).isInstanceOf(IOException.class).hasMessageStartingWith("not JSON");
    }

    @Test
    void aWatchedFileIsReReadWhenItChangesAtMostOncePerRecheck() throws Exception {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "{\"sites\":[{\"site\":\"one.example\"}]}");
        AtomicLong nanos = new AtomicLong();
        ReloadingSitePlans plans = SitePlanFile.watch(file, Duration.ofSeconds(1), nanos::get);
        assertThat(plans.all()).extracting(SitePlan::site).containsExactly("one.example");
        Files.writeString(file, "{\"sites\":[{\"site\":\"two.example\"}]}");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(plans.all()).extracting(SitePlan::site).containsExactly("one.example");
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(plans.all()).extracting(SitePlan::site).containsExactly("two.example");
        // a broken edit keeps the plans read before, and says why
        Files.writeString(file, "{\"sites\":[{\"pins\":[]}]}");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(plans.all()).extracting(SitePlan::site).containsExactly("two.example");
        assertThat(plans.lastError()).isEqualTo("\"site\" is missing");
    }
}
