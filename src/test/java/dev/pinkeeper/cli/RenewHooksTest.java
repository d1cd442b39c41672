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
 * {@code renew}'s hooks with certbot's semantics, with real scripts that record each run: nothing runs when nothing
 * is due; otherwise the pre-hooks (folder files in lexical order, then --pre-hook), the deploy-hooks per deployed
 * site with $RENEWED_LINEAGE and $RENEWED_DOMAINS, then the post-hooks; a failing pre-hook changes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RenewHooksTest {
    private static final String SITE = "shop";

    @TempDir
    static Path dir;
    @AutoClose
    static IssuedSite site;
    static Path state;
    static Path hooks;
    static Path bin;

    @BeforeAll
    static void start() throws Exception {
        site = IssuedSite.start(dir, SITE, "shop.pinkeeper.test", "www.shop.pinkeeper.test");
        state = site.state;
        hooks = dir.resolve("hooks");
        bin = dir.resolve("bin");
        // the folders: executable files run in lexical order ("10" before "9"); the others are skipped
        Path all = dir.resolve("all.log"); // every hook, in the order they ran
        RecordingScript.create(hooks.resolve("pre"), "9-last", 0, "", all);
        RecordingScript.create(hooks.resolve("pre"), "10-first", 0, "", all);
        RecordingScript.create(hooks.resolve("pre"), "10-first~", 0, "", all);
        Files.writeString(hooks.resolve("pre").resolve("README"), "not executable\n");
        RecordingScript.create(hooks.resolve("deploy"), "50-deploy", 0, "", all);
        RecordingScript.create(hooks.resolve("post"), "50-post", 0, "", all);
        for (String name : List.of("pre-cmd", "deploy-cmd", "post-cmd")) {
            RecordingScript.create(bin, name, 0, "", all);
        }
    }


    @Test
    @Order(1)
    void nothingRunsWhenNothingIsDue() throws Exception {
        Cli.Result renew = renewWithHooks("pre-cmd");
        assertThat(renew.code()).as(renew.err()).isZero();
        assertThat(ran()).isEmpty();
    }

    @Test
    @Order(2)
    void aDueRampStepRunsPreDeployAndPostHooksInOrder() throws Exception {
        String later = Instant.now().plus(8, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        Cli.Result renew = renewWithHooks("pre-cmd", "--at", later);
        assertThat(renew.code()).as(renew.out() + renew.err()).isZero();
        assertThat(renew.err()).contains("ramp-step: ").contains("hook: pre-hook " + hooks.resolve("pre/10-first") + " ran");
        // each folder's files first, then the option's command
        assertThat(ran()).containsExactly("10-first", "9-last", "pre-cmd", "50-deploy", "deploy-cmd", "50-post", "post-cmd");

        Map<String, String> env = RecordingScript.existing(bin, "deploy-cmd").runs().get(0).environment();
        Path live = state.resolve("sites").resolve(SITE).resolve("deploy").resolve("live");
        assertThat(Path.of(env.get("RENEWED_LINEAGE"))).isEqualTo(live);
        assertThat(Path.of(env.get("RENEWED_LINEAGE")).resolve("fullchain.pem")).isRegularFile();
        assertThat(env).containsEntry("RENEWED_DOMAINS", "shop.pinkeeper.test www.shop.pinkeeper.test")
                .containsEntry("PINKEEPER_SITE", SITE).containsEntry("PINKEEPER_HOOK", "deploy");
        assertThat(RecordingScript.existing(bin, "pre-cmd").runs().get(0).environment())
                .containsEntry("PINKEEPER_HOOK", "pre").doesNotContainKey("RENEWED_LINEAGE");
    }

    @Test
    @Order(3)
    void aFailingPreHookChangesNothingAndStillRunsThePostHooks() throws Exception {
        RecordingScript.create(bin, "pre-fails", 4, "port 80 still in use", dir.resolve("all.log"));
        site.forgetCertificates();
        Map<String, String> before = withoutRenewalRecord(FileSnapshot.of(state));
        int earlier = ran().size();
        Cli.Result renew = renewWithHooks("pre-fails");
        assertThat(renew.code()).isEqualTo(1);
        assertThat(renew.err()).contains("failed: pre-hook " + bin.resolve("pre-fails") + " exited with status 4: port 80"
                + " still in use");
        assertThat(renew.out()).contains("nothing was changed");
        // nothing changed but the record of the failed renewal that pinkeeper status shows
        Map<String, String> after = new java.util.TreeMap<>(FileSnapshot.of(state));
        after.remove("sites/" + SITE + "/renewal.json");
        Map<String, String> expected = new java.util.TreeMap<>(before);
        expected.remove("sites/" + SITE + "/renewal.json");
        assertThat(after).isEqualTo(expected);
        assertThat(Files.readString(state.resolve("sites").resolve(SITE).resolve("renewal.json"))).contains("FAILED")
                .contains("pre-hook");
        // no deploy-hook: nothing was deployed; the post-hooks run since the pre-hooks did
        assertThat(ran().subList(earlier, ran().size())).containsExactly("10-first", "9-last", "pre-fails", "50-post",
                "post-cmd");
    }

    @Test
    void aHooksFolderThatDoesNotExistIsAUsageError() {
        Cli.usageErrorChangingNothing(state, "--hooks-dir", "renew", "--hooks-dir", dir.resolve("absent").toString());
        Cli.usageErrorChangingNothing(state, "--pre-hook", "renew", "--pre-hook", " ");
    }

    /** The state but the record of the last renewal (pinkeeper status: it records the failure, as it should). */
    private static Map<String, String> withoutRenewalRecord(Map<String, String> files) {
        Map<String, String> kept = new java.util.TreeMap<>(files);
        kept.keySet().removeIf(name -> name.endsWith("/renewal.json"));
        return kept;
    }

    private static List<String> ran() {
        return RecordingScript.orderIn(dir.resolve("all.log"));
    }

    private static Cli.Result renewWithHooks(String pre, String... more) {
        List<String> args = new ArrayList<>(List.of("renew", "--hooks-dir", hooks.toString(),
                "--pre-hook", bin.resolve(pre).toString(), "--deploy-hook", bin.resolve("deploy-cmd").toString(),
                "--post-hook", bin.resolve("post-cmd").toString()));
        args.addAll(List.of(more));
        return site.cli(args.toArray(String[]::new));
    }
}
