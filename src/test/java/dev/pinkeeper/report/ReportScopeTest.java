package dev.pinkeeper.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site filter stands for a site of the state directory first, else a host among the plans. */
class ReportScopeTest {
    @TempDir
    Path state;

    private final AtomicInteger asked = new AtomicInteger();
    private final Supplier<SitePlans> noPlans = () -> {
        asked.incrementAndGet();
        return SitePlans.of(List.of());
    };

    @Test
    void aSiteOfTheStateDirectoryStandsForItsDomainsWithoutReadingOtherPlans() throws Exception {
        assertThat(Cli.run("keys", "init", "--state", state.toString(), "--site", "bare", "--domain", "bare.example",
                "--backup", "ec:p256", "--backup", "ec:p384").code()).isZero();

        ReportScope scope = ReportScope.select("bare", new StateDirectory(state), noPlans);

        assertThat(scope.selection().hosts()).containsExactly("bare.example");
        assertThat(scope.selection().known()).isTrue();
        assertThat(scope.plans().all()).isEmpty();
        assertThat(asked).hasValue(0);
    }

    @Test
    void elseAHostAmongThePlansAndWithoutStateOnlyThePlans() throws Exception {
        ReportScope host = ReportScope.select("nosuch.example", new StateDirectory(state), noPlans);
        assertThat(host.selection().hosts()).containsExactly("nosuch.example");
        assertThat(host.selection().known()).isFalse();
        assertThat(asked).hasValue(1);

        assertThat(Cli.run("keys", "init", "--state", state.toString(), "--site", "bare", "--domain", "bare.example",
                "--backup", "ec:p256", "--backup", "ec:p384").code()).isZero();
        ReportScope planFile = ReportScope.select("bare", null, noPlans);
        assertThat(planFile.selection().hosts()).containsExactly("bare");
        assertThat(asked).hasValue(2);
    }

    @Test
    void withoutAFilterEveryReportWithEveryPlan() {
        SitePlans plans = SitePlans.of(List.of());
        assertThat(ReportScope.all(plans).selection()).isNull();
        assertThat(ReportScope.all(plans).plans()).isSameAs(plans);
    }
}
