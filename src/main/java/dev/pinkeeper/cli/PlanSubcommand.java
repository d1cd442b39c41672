package dev.pinkeeper.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.KeyChange;
import dev.pinkeeper.plan.site.PlanException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every {@code plan} subcommand shares: the site options and the exit-code mapping of {@link PlanCommand#execute}. */
abstract class PlanSubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlanSiteOptions options;

    @Override
    public final Integer call() {
        String site = options.site();
        PrintWriter out = spec.commandLine().getOut();
        return PlanCommand.execute(out, spec, options.json(), () -> run(site, out));
    }

    /**
     * Prints what a rollover or an emergency did: {@code step} with when and the plan version, the key now current
     * (and {@code currentNote}), the key retired, and the key generated, introduced as {@code generated}.
     */
    static void printKeyChange(PrintWriter out, String step, KeyChange change, String currentNote, String generated) {
        out.println(step + " at " + change.plan().written() + " (plan version " + change.plan().version() + "):");
        out.println("  current: " + change.promoted().id() + "  " + change.promoted().pin().base64() + currentNote);
        out.println("  retired: " + change.replaced().id());
        out.println("  " + generated + ": " + change.generated().id() + "  " + change.generated().pin().base64());
    }

    /** The command's work for {@code site}, printing on {@code out}; returns the exit code. */
    abstract int run(String site, PrintWriter out) throws InventoryException, PlanException, RefusedStepException;
}
