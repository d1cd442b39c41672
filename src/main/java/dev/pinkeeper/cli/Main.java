package dev.pinkeeper.cli;

import java.io.PrintWriter;
import java.util.List;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.site.SiteTransaction;

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
            AccountCommand.class,
            DeployCommand.class,
            ReleasesCommand.class,
            RenewCommand.class,
            RevokeCommand.class,
            SiteCommand.class,
            StatusCommand.class,
            NotifyCommand.class,
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
        if (on) {
            dev.pinkeeper.ops.log.LogLevels.debug();
        }
    }

    /** {@code --config FILE} on any command: the settings file of defaults. */
    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The settings file of defaults (default: $PINKEEPER_CONFIG, else /etc/pinkeeper/pinkeeper.toml"
                    + " if it exists); an option given on the command line wins.")
    void config(String file) { // a String, not a Path: picocli's completion of a Path needs compopt, which zsh lacks
        try {
            SettingsDefaults.use(java.nio.file.Path.of(file));
        } catch (UsageException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** {@code --quiet} on any command: only warnings and errors on stderr (for timers and cron). */
    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Log only warnings and errors on stderr, and print no progress lines (for timers and cron).")
    void quiet(boolean on) {
        verbosity(on, dev.pinkeeper.lifecycle.LifecycleEvent.Level.WARNING, "--verbose");
    }

    /** {@code --verbose} on any command: every step of each action on stderr. */
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log every step of each action on stderr too (deployment checks, reload, probe).")
    void verbose(boolean on) {
        verbosity(on, dev.pinkeeper.lifecycle.LifecycleEvent.Level.DEBUG, "--quiet");
    }

    private void verbosity(boolean on, dev.pinkeeper.lifecycle.LifecycleEvent.Level level, String other) {
        if (!on) {
            return;
        }
        if (Verbosity.lowest() != dev.pinkeeper.lifecycle.LifecycleEvent.Level.INFO && Verbosity.lowest() != level) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--quiet and --verbose exclude each other");
        }
        Verbosity.set(level);
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
     * Runs {@code args} on {@code commandLine} with pinkeeper's error contract: a failure is one line on
     * stderr (and with {@code --json} one JSON document on stdout, {@link Failure}) and the exit code of
     * its kind: a bad command line or a usage or environment failure 2, a refusal 1, any exception that is
     * not a {@link dev.pinkeeper.error.PinkeeperException} a bug, 3 ({@code --debug}: its cause chain);
     * output that did not reach standard output is exit 2.
     */
    static int execute(CommandLine commandLine, String... args) {
        Verbosity.reset();
        SettingsDefaults.reset();
        // no ANSI styles in the help: the output streams escape every control character
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            Failure failure = new Failure(ErrorKind.USAGE, e.getMessage(),
                    "try '" + failed.getCommandSpec().qualifiedName() + " --help'", null);
            failure.print(failed.getErr(), failed.getOut(), asksForJson(arguments));
            return failure.exitCode();
        });
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            Failure failure = Failure.of(e, cl.getCommandSpec());
            failure.print(cl.getErr(), cl.getOut(), matched(parseResult, "--json"));
            if (matched(parseResult, "--debug")) {
                e.printStackTrace(cl.getErr());
                cl.getErr().flush();
            }
            return failure.exitCode();
        });
        commandLine.setExecutionStrategy(DryRuns::execute);
        int code;
        try {
            code = commandLine.execute(args);
        } finally {
            SiteTransaction.endDryRun();
        }
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

    /** Whether a command line that picocli could not parse asks for JSON: {@code --json} before any {@code --}. */
    private static boolean asksForJson(String[] arguments) {
        for (String argument : arguments) {
            if (argument.equals("--")) {
                return false;
            }
            if (argument.equals("--json")) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code option} was given to the command or any command above it. */
    private static boolean matched(ParseResult parseResult, String option) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(option)) {
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
