package dev.pinkeeper.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.KeyChange;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.StoredPlan;
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
     * The JSON document of a plan change: {@code {"site":…,"version":…,"written":…,"change":…}} and what
     * the command adds.
     */
    static ObjectNode changed(StoredPlan plan) {
        ObjectNode root = Json.object();
        root.put("site", plan.site());
        root.put("version", plan.version());
        root.put("written", plan.written().toString());
        root.put("change", plan.change());
        return root;
    }

    /** A key change's JSON: {@link #changed} and {@code "current"}, {@code "retired"}, {@code "generated"} keys. */
    static ObjectNode keyChange(KeyChange change) {
        ObjectNode root = changed(change.plan());
        root.set("current", key(change.promoted()));
        root.set("retired", key(change.replaced()));
        root.set("generated", key(change.generated()));
        return root;
    }

    /** A key as a plan change's JSON names it: {@code {"id":…,"pin":…}}. */
    static ObjectNode key(KeyEntry key) {
        ObjectNode node = Json.object();
        node.put("id", key.id());
        node.put("pin", key.pin().base64());
        return node;
    }

    /** The command's work for {@code site}, printing on {@code out}; returns the exit code. */
    abstract int run(String site, PrintWriter out) throws InventoryException, PlanException, RefusedStepException;
}
