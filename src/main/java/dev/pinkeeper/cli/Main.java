package dev.pinkeeper.cli;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code pinkeeper} command line: a thin shell over the library, one subcommand per file. */
@Command(name = "pinkeeper", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Public key pinning that does not lock visitors out.")
public final class Main implements Runnable {
    /** Every subcommand; only the one being run is instantiated (picocli start-up is most of a short run). */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            PinCommand.class,
            HeaderCommand.class,
            ValidateCommand.class,
            AnalyseCommand.class,
            ExportCommand.class,
            SimulateCommand.class,
            KeysCommand.class,
            PlanCommand.class,
            IssueCommand.class,
            DeployCommand.class,
            ReleasesCommand.class,
            RenewCommand.class,
            RehearseCommand.class,
            VerifyCommand.class,
            CollectorCommand.class,
            ReportsCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and returns its exit code (0, 1 or 2). */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        Class<?> chosen = args.length == 0 ? null : subcommandNamed(args[0]);
        boolean versionOnly = args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]));
        for (Class<?> subcommand : SUBCOMMANDS) {
            if (!versionOnly && (chosen == null || chosen == subcommand)) {
                commandLine.addSubcommand(new CommandLine(subcommand));
            }
        }
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("pinkeeper: " + e.getMessage().replaceAll("\\s+", " ").strip()
                    + " (try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
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
        int code = commandLine.execute(args);
        String unwritten = StandardOutput.failed(commandLine.getOut());
        if (unwritten != null) {
            commandLine.getErr().println("pinkeeper: cannot write to standard output: " + unwritten);
            return ExitCode.USAGE;
        }
        return code;
    }

    private static Class<?> subcommandNamed(String name) {
        for (Class<?> subcommand : SUBCOMMANDS) {
            Command command = subcommand.getAnnotation(Command.class);
            if (command.name().equals(name) || List.of(command.aliases()).contains(name)) {
                return subcommand;
            }
        }
        return null;
    }

    public static void main(String[] args) {
        StandardOutput.install();
        int code = execute(args);
        System.out.flush();
        System.exit(code);
    }
}
