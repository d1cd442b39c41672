package dev.pinkeeper.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pinkeeper} command line: a thin shell over the library, one subcommand per file. */
@Command(name = "pinkeeper", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Public key pinning that does not lock visitors out.",
        subcommands = {
                PinCommand.class,
                HeaderCommand.class,
                ValidateCommand.class,
                AnalyseCommand.class,
                ExportCommand.class,
                SimulateCommand.class,
                KeysCommand.class,
                VerifyCommand.class,
                IssueCommand.class,
                DeployCommand.class,
                RenewCommand.class,
                RehearseCommand.class,
                PlanCommand.class,
        })
public final class Main implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Runs the command line and returns its exit code (0, 1 or 2). */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("pinkeeper: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!(e instanceof UsageException)) {
                message = "internal error: " + message;
            }
            cl.getErr().println("pinkeeper: " + message.replaceAll("\\s+", " ").strip());
            return ExitCode.USAGE;
        });
        return commandLine.execute(args);
    }

    public static void main(String[] args) {
        int code = execute(args);
        System.out.flush();
        System.exit(code);
    }
}
