package dev.pinkeeper.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The documentation generated from the command definitions, so that it cannot drift from them: the
 * Markdown reference in docs/reference (scripts/make-reference.sh), and the man pages' AsciiDoc and the
 * shell completions that scripts/package.sh ships. Output depends on nothing but the commands: a fixed
 * usage width, no colours.
 *
 * <pre>
 *   CommandDocs reference DIR     one Markdown file per command, and README.md listing them
 *   CommandDocs man DIR           one AsciiDoc man page per command (picocli's ManPageGenerator)
 *   CommandDocs bash FILE         bash completion (picocli AutoComplete)
 *   CommandDocs zsh FILE          zsh completion: the bash one, loaded through bashcompinit
 * </pre>
 */
public final class CommandDocs {
    /** The width of every generated usage help, whatever the terminal. */
    static final int USAGE_WIDTH = 100;
    /** The script that regenerates docs/reference. */
    static final String REFERENCE_SCRIPT = "scripts/make-reference.sh";

    private CommandDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args.length % 2 != 0) {
            System.err.println("usage: CommandDocs (reference|man|bash|zsh TARGET)...");
            System.exit(2);
        }
        for (int i = 0; i < args.length; i += 2) {
            write(args[i], Path.of(args[i + 1]));
        }
    }

    private static void write(String what, Path target) throws IOException {
        switch (what) {
            case "reference" -> {
                Files.createDirectories(target);
                for (Map.Entry<String, String> page : reference().entrySet()) {
                    Files.writeString(target.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
                }
            }
            case "man" -> {
                Files.createDirectories(target);
                int code = ManPageGenerator.generateManPage(target.toFile(), null, new boolean[0], true,
                        commandLine().getCommandSpec());
                if (code != 0) {
                    throw new IOException("ManPageGenerator exited with " + code);
                }
            }
            case "bash" -> Files.writeString(target, bashCompletion(), StandardCharsets.UTF_8);
            case "zsh" -> Files.writeString(target, "#compdef pinkeeper\n"
                    + "# picocli's bash completion, which zsh runs through its bash compatibility\n"
                    + "autoload -U +X bashcompinit && bashcompinit\n"
                    + "# bash's compopt (completion options: file names, the default completion) has no zsh\n"
                    + "# counterpart, and the script's alias for it comes too late for the functions it defines\n"
                    + "(( $+functions[compopt] )) || compopt() { return 0; }\n"
                    + bashCompletion()
                    + "# zsh runs this file for the first completion of pinkeeper: complete that one too\n"
                    + "_bash_complete -F _complete_pinkeeper -o default\n", StandardCharsets.UTF_8);
            default -> throw new IllegalArgumentException("CommandDocs: unknown output " + what);
        }
    }

    /** The whole command tree, its usage help at {@link #USAGE_WIDTH} columns. */
    static CommandLine commandLine() {
        CommandLine commandLine = Main.commandLine();
        commandLine.setUsageHelpAutoWidth(false);
        commandLine.setUsageHelpWidth(USAGE_WIDTH);
        return commandLine;
    }

    /** Every command and subcommand, depth first in the order of {@code pinkeeper --help}. */
    static List<CommandSpec> allCommands() {
        List<CommandSpec> all = new ArrayList<>();
        collect(commandLine().getCommandSpec(), all);
        return all;
    }

    private static void collect(CommandSpec spec, List<CommandSpec> into) {
        into.add(spec);
        // an alias maps to the same command: each command once
        spec.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct()
                .forEach(sub -> collect(sub, into));
    }

    /** The one-sentence summary a command has in its parent's command list. */
    static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        String[] description = spec.usageMessage().description();
        return header.length > 0 ? header[0] : description.length > 0 ? description[0] : "";
    }

    /** The file name of a command's page: its qualified name with dashes, as its man page is named. */
    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-") + ".md";
    }

    /** The reference: file name to content, README.md first. */
    static Map<String, String> reference() {
        List<CommandSpec> commands = allCommands();
        Map<String, String> pages = new LinkedHashMap<>();
        StringBuilder index = new StringBuilder("# Command reference\n\n")
                .append(generatedNote())
                .append("Each page holds the command's `--help`; `man pinkeeper-COMMAND` shows the same.\n\n");
        for (CommandSpec spec : commands) {
            int depth = spec.qualifiedName().split(" ").length - 1;
            index.append("  ".repeat(Math.max(0, depth - 1))).append(depth == 0 ? "" : "- ")
                    .append('[').append(spec.qualifiedName()).append("](").append(pageName(spec)).append(")")
                    .append(depth == 0 ? "\n\n" : ": " + summary(spec) + "\n");
            pages.put(pageName(spec), page(spec));
        }
        Map<String, String> withIndex = new LinkedHashMap<>();
        withIndex.put("README.md", index.toString());
        withIndex.putAll(pages);
        return withIndex;
    }

    private static String page(CommandSpec spec) {
        StringBuilder page = new StringBuilder("# ").append(spec.qualifiedName()).append("\n\n")
                .append(generatedNote()).append(summary(spec)).append("\n\n```text\n");
        ByteArrayOutputStream usage = new ByteArrayOutputStream();
        spec.commandLine().usage(new PrintStream(usage, true, StandardCharsets.UTF_8), Ansi.OFF);
        page.append(usage.toString(StandardCharsets.UTF_8).stripTrailing()).append("\n```\n");
        List<CommandSpec> subs = spec.subcommands().values().stream().map(CommandLine::getCommandSpec)
                .distinct().toList();
        if (!subs.isEmpty()) {
            page.append("\nSubcommands:\n\n");
            subs.forEach(sub -> page.append("- [").append(sub.qualifiedName()).append("](").append(pageName(sub))
                    .append("): ").append(summary(sub)).append('\n'));
        }
        return page.toString();
    }

    private static String generatedNote() {
        return "<!-- generated from the command definitions by " + REFERENCE_SCRIPT + ": do not edit -->\n\n";
    }

    /** picocli's completion script, without its {@code #!} line: completions are sourced, never run. */
    private static String bashCompletion() {
        String script = AutoComplete.bash("pinkeeper", commandLine());
        return script.startsWith("#!") ? script.substring(script.indexOf('\n') + 1) : script;
    }
}
