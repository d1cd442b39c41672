package dev.pinkeeper.ops;

import dev.pinkeeper.lifecycle.ChangeGate;
import dev.pinkeeper.lifecycle.LifecycleEvent;
import dev.pinkeeper.lifecycle.LifecycleLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One run's hooks, with certbot's semantics: the pre-hooks run once, just before the first change to any site
 * (never when nothing is due), and if one fails no site changes ({@link #open} throws for each); the deploy-hooks
 * run once per site whose new release went live ({@link #deployed}); the post-hooks run once at the end
 * ({@link #finish}) whenever the pre-hooks ran, whatever happened since. Each hook run is logged ({@code hook}, a
 * failure as an error).
 */
public final class HookedRenewal implements ChangeGate {
    private final Hooks hooks;
    private final LifecycleLog log;
    private boolean preRan;
    private String preFailure;
    private boolean failed;

    public HookedRenewal(Hooks hooks, LifecycleLog log) {
        this.hooks = hooks;
        this.log = log;
    }

    @Override
    public synchronized void open(String site) throws HookFailedException {
        if (!preRan) {
            preRan = true;
            for (CommandRun run : record(HookStage.PRE, null, hooks.run(HookStage.PRE, Map.of()))) {
                if (!run.ok()) {
                    preFailure = "pre-hook " + run.command() + " " + run.problem() + ": nothing was changed";
                }
            }
        }
        if (preFailure != null) {
            throw new HookFailedException(preFailure);
        }
    }

    /**
     * Runs the deploy-hooks for {@code site}, whose release {@code live} (the {@code live} link: fullchain.pem,
     * privkey.pem…) serves {@code domains}: {@code $RENEWED_LINEAGE}, {@code $RENEWED_DOMAINS} (space-separated)
     * as certbot sets them, and {@code $PINKEEPER_SITE}.
     */
    public synchronized void deployed(String site, Path live, List<String> domains) {
        record(HookStage.DEPLOY, site, hooks.run(HookStage.DEPLOY, Map.of("RENEWED_LINEAGE", live.toString(),
                "RENEWED_DOMAINS", String.join(" ", domains), "PINKEEPER_SITE", site)));
    }

    /** Runs the post-hooks if the pre-hooks ran. */
    public synchronized void finish() {
        if (preRan) {
            record(HookStage.POST, null, hooks.run(HookStage.POST, Map.of()));
        }
    }

    /** Whether a hook failed (the run then exits as failed). */
    public synchronized boolean failed() {
        return failed;
    }

    private List<CommandRun> record(HookStage stage, String site, List<CommandRun> runs) {
        for (CommandRun run : runs) {
            if (run.ok()) {
                log.record(LifecycleEvent.Action.HOOK, site, stage.label() + "-hook " + run.command() + " ran");
            } else {
                failed = true;
                log.record(LifecycleEvent.Action.FAILED, site, stage.label() + "-hook " + run.command() + " "
                        + run.problem());
            }
        }
        return runs;
    }
}
