package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.RecordingScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code issue}'s hooks, as certbot's {@code certonly} runs them: the pre-hooks just before the first change
 * (after every check), a deploy-hook once the new release is live, the post-hooks at the end; a failing pre-hook
 * orders nothing and changes nothing, and the post-hooks still run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IssueHooksTest {
    private static final String SITE = "shop";

    @TempDir
    static Path dir;
    @AutoClose
    static IssuedSite site;
    static Path state;
    static Path bin;

    @BeforeAll
    static void start() throws Exception {
        site = IssuedSite.start(dir, SITE, "shop.pinkeeper.test");
        state = site.state;
        bin = dir.resolve("bin");
        for (String name : List.of("pre-cmd", "deploy-cmd", "post-cmd")) {
            RecordingScript.create(bin, name, 0, "", dir.resolve("all.log"));
        }
        RecordingScript.create(bin, "pre-fails", 3, "port 80 still in use", dir.resolve("all.log"));
        Files.createDirectories(dir.resolve("no-hooks")); // an empty hooks folder: only the options' commands run
    }

    @Test
    @Order(1)
    void anIssueRunsPreDeployAndPostHooksInOrder() {
        Cli.Result issued = issueWithHooks("pre-cmd");
        assertThat(issued.code()).as(issued.out() + issued.err()).isZero();
        assertThat(ran()).containsExactly("pre-cmd", "deploy-cmd", "post-cmd");
        Map<String, String> env = RecordingScript.existing(bin, "deploy-cmd").runs().get(0).environment();
        assertThat(Path.of(env.get("RENEWED_LINEAGE"))).isEqualTo(
                state.resolve("sites").resolve(SITE).resolve("deploy").resolve("live"));
        assertThat(env).containsEntry("RENEWED_DOMAINS", "shop.pinkeeper.test").containsEntry("PINKEEPER_SITE", SITE);
    }

    @Test
    @Order(2)
    void aFailingPreHookOrdersNothingChangesNothingAndStillRunsThePostHook() {
        Map<String, String> before = FileSnapshot.of(state);
        int earlier = ran().size();
        Cli.Result issued = issueWithHooks("pre-fails");
        assertThat(issued.code()).as(issued.out() + issued.err()).isEqualTo(1);
        assertThat(issued.err()).contains("pre-hook " + bin.resolve("pre-fails") + " exited with status 3")
                .contains("nothing was changed");
        assertThat(FileSnapshot.of(state)).isEqualTo(before);
        assertThat(ran().subList(earlier, ran().size())).containsExactly("pre-fails", "post-cmd");
    }

    @Test
    @Order(3)
    void aRefusedIssueRunsNoHook() {
        int earlier = ran().size();
        Cli.Result refused = site.issue(SITE, "--target", "none", "--pre-hook", bin.resolve("pre-cmd").toString(),
                "--post-hook", bin.resolve("post-cmd").toString()); // not due, not forced: refused before any change
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(ran().subList(earlier, ran().size())).isEmpty();
    }

    private static List<String> ran() {
        return RecordingScript.orderIn(dir.resolve("all.log"));
    }

    private static Cli.Result issueWithHooks(String pre) {
        return site.issue(SITE, "--target", "none", "--force-renewal", "--hooks-dir", dir.resolve("no-hooks").toString(),
                "--pre-hook", bin.resolve(pre).toString(), "--deploy-hook", bin.resolve("deploy-cmd").toString(),
                "--post-hook", bin.resolve("post-cmd").toString());
    }
}
