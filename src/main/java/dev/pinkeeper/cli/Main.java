package dev.pinkeeper.cli;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
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
            RevokeCommand.class,
            SiteCommand.class,
            StatusCommand.class,
            RehearseCommand.class,
            VerifyCommand.class,
            CollectorCommand.class,
            ReportsCommand.class);

    @Spec
    CommandSpec spec;

    /** {@code --debug} on any command: the cause chain of an error, and pinkeeper's debug log. */
    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an error, print its cause chain; log pinkeeper's debug messages (stderr).")
    void debug(boolean on) {
        if (on) { // before any logger exists: the command has not run yet
            System.setProperty("org.slf4j.simpleLogger.log.dev.pinkeeper", "debug");
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Every subcommand class (each a picocli {@code @Command}). */
    static List<Class<?>> subcommands() {
        return SUBCOMMANDS;
    }

    /** Runs the command line and returns its exit code ({@link ExitCode}: 0, 1, 2 or 3). */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        Class<?> chosen = args.length == 0 ? null : subcommandNamed(args[0]);
        boolean versionOnly = args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]));
        for (Class<?> subcommand : SUBCOMMANDS) {
            if (!versionOnly && (chosen == null || chosen == subcommand)) {
                commandLine.addSubcommand(new CommandLine(subcommand));
            }
        }
        return execute(commandLine, args);
    }

    /**
     * The whole command tree, every subcommand added: for the documentation generated from it (man pages,
     * completion, the reference in docs/).
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        SUBCOMMANDS.forEach(subcommand -> commandLine.addSubcommand(new CommandLine(subcommand)));
        return commandLine;
    }

    /**
     * Runs {@code args} on {@code commandLine} with pinkeeper's error contract: a bad command line or a
     * {@link UsageException} is one line on stderr and exit 2; any other exception is a bug: one line
     * and exit 3 ({@code --debug}: its cause chain); output that did not reach standard output is exit 2.
     */
    static int execute(CommandLine commandLine, String... args) {
        // no ANSI styles in the help: the output streams escape every control character
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            error(e.getCommandLine().getErr(), e.getMessage()
                    + " (try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            PrintWriter err = cl.getErr();
            boolean usage = e instanceof UsageException;
            if (usage) {
                error(err, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } else {
                error(err, "internal error: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())
                        + " (a bug: please report it; --debug prints the cause chain)");
            }
            if (debug(parseResult)) {
                e.printStackTrace(err);
                err.flush();
            }
            return usage ? ExitCode.USAGE : ExitCode.INTERNAL;
        });
        int code = commandLine.execute(args);
        String unwritten = StandardStreams.failed(commandLine.getOut());
        if (unwritten != null) {
            error(commandLine.getErr(), "cannot write to standard output: " + unwritten);
            return code == ExitCode.INTERNAL ? code : ExitCode.USAGE;
        }
        return code;
    }

    /** Prints one error line ({@code pinkeeper: MESSAGE}, whitespace runs made one space) on {@code err}. */
    private static void error(PrintWriter err, String message) {
        err.println("pinkeeper: " + message.replaceAll("\\s+", " ").strip());
        err.flush();
    }

    /** Whether {@code --debug} was given to the command or any command above it. */
    private static boolean debug(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
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
        StandardStreams.install();
        int code = execute(args);
        System.out.flush();
        System.exit(code);
    }
}
