package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.lifecycle.LifecycleEvent;
import dev.pinkeeper.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle log on stderr: one line per action (level, ISO-8601 UTC time, site, action) from issue and renew
 * against a real pebble; {@code --quiet} keeps only warnings and errors (and prints no progress), {@code --verbose}
 * adds every deployment step; under journald each line carries its syslog priority.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleLogLinesTest {
    private static final String SITE = "shop";
    private static final String LINE = "^(DEBUG|INFO|WARN|ERROR) \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ site=shop [a-z-]+: .+";

    @TempDir
    static Path dir;
    @AutoClose
    static IssuedSite site;
    static Instant beforeFirstIssue;

    @BeforeAll
    static void start() throws Exception {
        beforeFirstIssue = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        site = IssuedSite.start(dir, SITE, "shop.pinkeeper.test");
    }


    @Test
    @Order(1)
    void issueLogsTheIssuedCertificateAndTheDeploymentOneLineEach() throws Exception {
        Cli.Result issued = site.firstIssue;
        Instant before = beforeFirstIssue;
        assertThat(issued.code()).as(issued.out() + issued.err()).isZero();
        List<String> lines = logLines(issued);
        assertThat(lines).allMatch(line -> line.matches(LINE), "every line is a log line");
        assertThat(lines).anyMatch(line -> line.startsWith("INFO ") && line.contains(" site=shop issued: certificate for key "));
        assertThat(lines).anyMatch(line -> line.contains(" deployed: "));
        assertThat(lines).noneMatch(line -> line.contains(" step: ")); // steps only with --verbose
        Instant logged = Instant.parse(lines.get(0).split(" ")[1]);
        assertThat(logged).isBetween(before, Instant.now());
    }

    @Test
    @Order(2)
    void renewWithNothingDueSaysSoAndQuietSaysNothing() {
        Cli.Result renew = cli("renew");
        assertThat(renew.code()).as(renew.err()).isZero();
        assertThat(logLines(renew)).singleElement().asString().matches(LINE).contains("nothing-due: nothing due");
        assertThat(renew.out()).contains("1 site");

        Cli.Result quiet = cli("renew", "--quiet");
        assertThat(quiet.code()).isZero();
        assertThat(quiet.out()).isEmpty();
        assertThat(logLines(quiet)).isEmpty();
    }

    @Test
    @Order(3)
    void verboseRenewalLogsTheRampStepAndEveryDeploymentStep() {
        String later = Instant.now().plus(8, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        Cli.Result renew = cli("--verbose", "renew", "--at", later);
        assertThat(renew.code()).as(renew.out() + renew.err()).isZero();
        List<String> lines = logLines(renew);
        assertThat(lines).allMatch(line -> line.matches(LINE), "every line is a log line");
        assertThat(lines).anyMatch(line -> line.startsWith("INFO ") && line.contains(" ramp-step: max-age="));
        assertThat(lines).anyMatch(line -> line.startsWith("DEBUG ") && line.contains(" step: "));
        assertThat(lines).anyMatch(line -> line.contains(" deployed: "));
    }

    @Test
    @Order(4)
    void anotherCertificateForTheSameKeyIsLoggedAsRenewed() throws Exception {
        Cli.Result issued = site.issue(SITE, "--force-renewal");
        assertThat(issued.code()).as(issued.out() + issued.err()).isZero();
        assertThat(logLines(issued)).anyMatch(line -> line.startsWith("INFO ") && line.contains(" renewed: certificate for key "))
                .noneMatch(line -> line.contains(" issued: "));
    }

    @Test
    @Order(5)
    void quietRenewalThatFailsLogsOnlyTheError() throws Exception {
        site.stopCa();
        site.forgetCertificates();
        Cli.Result renew = cli("renew", "-q");
        assertThat(renew.code()).as(renew.out() + renew.err()).isEqualTo(1);
        assertThat(renew.out()).isEmpty();
        assertThat(logLines(renew)).singleElement().asString().matches(LINE).startsWith("ERROR ").contains(" failed: ");
    }

    @Test
    void quietAndVerboseExcludeEachOther() {
        Cli.Result both = Cli.run("renew", "--quiet", "--verbose", "--state=" + dir.resolve("none"));
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.errLines()).singleElement().asString().contains("--quiet and --verbose");
    }

    @Test
    void underJournaldEachLineStartsWithItsSyslogPriority() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LogLines journal = new LogLines(err, LifecycleEvent.Level.INFO, true);
        journal.record(LifecycleEvent.of(LifecycleEvent.Action.FAILED, "a", "no\nsecond line"));
        journal.record(LifecycleEvent.of(LifecycleEvent.Action.WAITING, "b", "until later").at(LifecycleEvent.Level.WARNING));
        journal.record(LifecycleEvent.of(LifecycleEvent.Action.DEPLOYED, "c", "release r1"));
        journal.record(LifecycleEvent.of(LifecycleEvent.Action.STEP, "c", "config test passed"));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("<3>ERROR ").endsWith(" site=a failed: no second line");
        assertThat(lines[1]).startsWith("<4>WARN ").endsWith(" site=b waiting: until later");
        assertThat(lines[2]).startsWith("<6>INFO ").endsWith(" site=c deployed: release r1");
    }

    /** The lines of stderr but the warnings about backup keys still on this machine (not lifecycle events). */
    private static List<String> logLines(Cli.Result result) {
        return Arrays.stream(result.errLines()).filter(line -> !line.startsWith("warning: the private key of backup")).toList();
    }

    private static Cli.Result cli(String... args) {
        return site.cli(args);
    }
}
