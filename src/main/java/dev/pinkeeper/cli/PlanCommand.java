package dev.pinkeeper.cli;

import java.io.PrintWriter;
import java.time.Instant;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.PlanException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pinkeeper plan}: a site's pin plan — headers to serve, ramp, rollovers — kept with its keys. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Plan what a site pins and serves: report-only, max-age ramp, safe rollovers, emergencies.",
                "Exit 0: done; 1: refused as unsafe or not due yet (nothing changed); 2: bad usage or unreadable state."},
        subcommands = {PlanInitCommand.class, PlanShowCommand.class, PlanAdvanceCommand.class, PlanRampCommand.class,
                PlanRolloverCommand.class, PlanEmergencyCommand.class, PlanHistoryCommand.class,
                PlanSetCommand.class, PlanRetireCommand.class})
final class PlanCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** A plan command's work: calls the library, prints, returns the exit code. */
    @FunctionalInterface
    interface Action {
        int run() throws InventoryException, PlanException, RefusedStepException;
    }

    /**
     * Runs {@code action} of {@code command}: a refusal is printed on {@code out} with when the step
     * becomes allowed and, where {@code command} takes it, the override (exit 1); an unreadable state or
     * a bad request becomes the one-line usage error (exit 2).
     */
    static int execute(PrintWriter out, CommandSpec command, Action action) {
        try {
            int code = action.run();
            out.flush();
            return code;
        } catch (RefusedStepException e) {
            return refused(e, command, out);
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        } catch (PlanException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** Prints why a step is refused, how to override it and from when it is allowed; returns exit code 1. */
    private static int refused(RefusedStepException e, CommandSpec command, PrintWriter out) {
        String message = e.getMessage();
        out.println(message.startsWith("refused") ? message : "refused: " + message);
        String remedy = ForceOption.remedy(e, command);
        if (remedy != null) {
            out.println(remedy);
        }
        Instant allowed = e.allowedFrom();
        out.println(allowed == null ? "allowed from: not by waiting alone" : "allowed from: " + allowed);
        out.flush();
        return ExitCode.REJECTED;
    }
}
