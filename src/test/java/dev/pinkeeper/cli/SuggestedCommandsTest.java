package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command line a message or a help text suggests ({@code pinkeeper plan init --site X}) exists:
 * the main sources are read, each string (a concatenation with its expressions as a placeholder) is
 * searched for {@code pinkeeper SUBCOMMAND …}, and each such line is parsed by picocli on the real
 * command tree; an option the suggested command does not take fails. A bare {@code --flag} in a
 * command's own messages must be one of that command's options (a flag in a shared helper, one of a
 * command that uses it), and the library of the lifecycle, deployment and plan packages spells no flag
 * at all: it returns the remedy as data and the CLI names its own option.
 */
class SuggestedCommandsTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Path CLI = MAIN.resolve("dev/pinkeeper/cli");
    private static final Pattern COMMAND = Pattern.compile("pinkeeper\\s+[a-z]");
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");
    private static final Pattern VALUE = Pattern.compile("X|-|[A-Z][A-Z0-9_-]*|.*[/.=@:].*");
    /** Library packages whose messages must name no command-line flag. */
    private static final List<String> FLAGLESS = List.of("dev/pinkeeper/lifecycle/", "dev/pinkeeper/deploy/",
            "dev/pinkeeper/plan/");
    /** Programs other than pinkeeper whose options messages may name. */
    private static final List<String> OTHER_PROGRAMS = List.of("certbot ", "curl ");

    private final CommandLine tree = tree();

    @Test
    void everySuggestedCommandLineParsesWithTheOptionsItNames() throws Exception {
        List<String> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Text text : texts()) {
            for (List<String> line : commandLines(text.value())) {
                checked.add(String.join(" ", line));
                String problem = problem(line);
                if (problem != null) {
                    failures.add(text.file() + ": 'pinkeeper " + String.join(" ", line) + "': " + problem);
                }
            }
        }
        // the ones this issue fixed, among many
        assertThat(checked).as(String.join("\n", checked)).contains("plan init --site X", "keys csr --site X", "issue --clear X",
                "keys init --simulated-clock", "plan init --key-lifetime");
        assertThat(checked).hasSizeGreaterThan(30);
        assertThat(failures).isEmpty();
    }

    @Test
    void aFlagInACommandsMessageIsOneOfItsOptions() throws Exception {
        Map<String, Set<CommandSpec>> users = commandsUsing();
        List<String> failures = new ArrayList<>();
        for (Text text : texts()) {
            if (!text.file().startsWith(CLI) || text.inAnnotation()) {
                continue;
            }
            String name = text.file().getFileName().toString().replace(".java", "");
            Set<CommandSpec> commands = users.getOrDefault(name, Set.of());
            for (String flag : bareFlags(text.value(), true)) {
                if (commands.isEmpty()) {
                    failures.add(name + " names " + flag + " but no command uses " + name);
                } else if (commands.stream().noneMatch(c -> c.findOption(flag) != null)) {
                    failures.add(name + " names " + flag + ", an option of none of "
                            + commands.stream().map(CommandSpec::qualifiedName).toList());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theLibraryNamesNoFlagWhereItOwnsThePolicy() throws Exception {
        List<String> failures = new ArrayList<>();
        Set<String> everyOption = new LinkedHashSet<>();
        collectOptions(tree, everyOption);
        for (Text text : texts()) {
            if (text.file().startsWith(CLI) || text.inAnnotation()) {
                continue;
            }
            String path = MAIN.relativize(text.file()).toString();
            boolean flagless = FLAGLESS.stream().anyMatch(path::startsWith);
            for (String flag : bareFlags(text.value(), !flagless)) {
                if (flagless) {
                    failures.add(path + " spells " + flag + " in '" + text.value() + "'");
                } else if (!everyOption.contains(flag)) {
                    failures.add(path + " names " + flag + ", which no command takes");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void onlyTheCommandsThatTakeTheOverrideSuggestIt() {
        List<String> offering = new ArrayList<>();
        forEach(tree, spec -> {
            if (spec.findOption(ForceOption.FLAG) != null) {
                offering.add(spec.qualifiedName());
            }
        });
        assertThat(offering).containsExactlyInAnyOrder("pinkeeper plan advance", "pinkeeper plan rollover",
                "pinkeeper plan emergency", "pinkeeper plan set");
        dev.pinkeeper.plan.RefusedStepException forceable =
                new dev.pinkeeper.plan.RefusedStepException("unsafe", null, true);
        assertThat(ForceOption.remedy(forceable, tree.getSubcommands().get("plan").getSubcommands().get("rollover")
                .getCommandSpec())).contains(ForceOption.FLAG);
        assertThat(ForceOption.remedy(forceable, tree.getSubcommands().get("plan").getSubcommands().get("ramp")
                .getCommandSpec())).isNull();
        assertThat(ForceOption.remedy(forceable, tree.getSubcommands().get("deploy").getCommandSpec())).isNull();
        assertThat(ForceOption.remedy(forceable, tree.getSubcommands().get("renew").getCommandSpec())).isNull();
    }

    /**
     * Why picocli does not take {@code line} (the words after {@code pinkeeper}), or null when it does: an
     * option its command does not have (found first, since picocli reports a missing required option before
     * an unknown one), or any other argument picocli leaves unmatched.
     */
    private String problem(List<String> line) {
        CommandLine command = tree;
        for (String word : line) {
            if (command.getSubcommands().containsKey(word)) {
                command = command.getSubcommands().get(word);
            } else if (word.startsWith("--")) {
                String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
                if (command.getCommandSpec().findOption(name) == null) {
                    return command.getCommandSpec().qualifiedName() + " has no option " + name;
                }
            }
        }
        try {
            tree.parseArgs(line.toArray(String[]::new));
            return null;
        } catch (CommandLine.UnmatchedArgumentException e) {
            return e.getMessage();
        } catch (CommandLine.ParameterException e) {
            return null; // a required option left out, or a placeholder where a typed value goes: still a real command
        }
    }

    /**
     * The command lines in {@code text}: after {@code pinkeeper}, its subcommand path, then every option
     * (and the value of one that takes a value) and every word that looks like a value, up to the first
     * word of prose. An option the command does not take is kept, so that the parse fails on it.
     */
    private List<List<String>> commandLines(String text) {
        List<List<String>> lines = new ArrayList<>();
        for (String part : text.split("[|()',;\"…\n]")) {
            Matcher m = COMMAND.matcher(part);
            while (m.find()) {
                String[] words = part.substring(m.start() + "pinkeeper".length()).strip().split("\\s+");
                CommandLine command = tree;
                List<String> line = new ArrayList<>();
                int i = 0;
                while (i < words.length && command.getSubcommands().containsKey(words[i])) {
                    command = command.getSubcommands().get(words[i]);
                    line.add(words[i++]);
                }
                if (command == tree) {
                    continue; // "pinkeeper" followed by a word: prose, not a command
                }
                CommandSpec spec = command.getCommandSpec();
                while (i < words.length) {
                    String word = words[i];
                    if (word.startsWith("-") && word.length() > 1) {
                        line.add(word);
                        String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
                        OptionSpec option = spec.findOption(name);
                        i++;
                        if (option != null && !word.contains("=") && option.arity().min() > 0 && i < words.length) {
                            line.add(words[i++]);
                        }
                    } else if (!spec.positionalParameters().isEmpty() && VALUE.matcher(word).matches()) {
                        line.add(words[i++]);
                    } else {
                        break;
                    }
                }
                lines.add(line);
            }
        }
        return lines;
    }

    /**
     * The {@code --flags} of {@code text} outside the command lines it suggests and other programs' options;
     * with {@code arguments}, none when the whole text is one flag (an argument of a program pinkeeper runs,
     * or a comparison with one).
     */
    private List<String> bareFlags(String text, boolean arguments) {
        List<String> flags = new ArrayList<>();
        if (arguments && FLAG.matcher(text).matches()) {
            return flags;
        }
        for (String part : text.split("[|()',;\"…\n]")) {
            Matcher command = COMMAND.matcher(part);
            String prose = command.find() ? part.substring(0, command.start()) : part;
            Matcher m = FLAG.matcher(prose);
            while (m.find()) {
                String before = prose.substring(0, m.start());
                if (OTHER_PROGRAMS.stream().noneMatch(before::endsWith)) {
                    flags.add(m.group());
                }
            }
        }
        return flags;
    }

    /**
     * For each class of the cli package, the commands whose messages it may print: a command itself; a
     * mixin, every command that mixes it in; any other class, every command whose source names it (directly
     * or through another such class or a mixin).
     */
    private Map<String, Set<CommandSpec>> commandsUsing() throws IOException {
        Map<String, CommandSpec> commands = new LinkedHashMap<>();
        forEach(tree, spec -> {
            Object user = spec.userObject();
            if (user != null && user.getClass().getPackageName().equals("dev.pinkeeper.cli")) {
                commands.put(user.getClass().getSimpleName(), spec);
            }
        });
        Map<String, String> sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(CLI)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(file.getFileName().toString().replace(".java", ""), Files.readString(file));
            }
        }
        Map<String, Set<CommandSpec>> users = new LinkedHashMap<>();
        commands.forEach((name, spec) -> users.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(spec));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String helper : sources.keySet()) {
                Pattern named = Pattern.compile("\\b" + helper + "\\b");
                for (Map.Entry<String, String> source : sources.entrySet()) {
                    if (source.getKey().equals(helper) || !named.matcher(source.getValue()).find()) {
                        continue;
                    }
                    Set<CommandSpec> via = users.getOrDefault(source.getKey(), Set.of());
                    if (commands.containsKey(helper) && !isMixin(source.getKey(), helper)) {
                        continue; // a command's messages are its own, whoever names the command
                    }
                    grew |= users.computeIfAbsent(helper, n -> new LinkedHashSet<>()).addAll(via);
                }
            }
        }
        return users;
    }

    private static boolean isMixin(String user, String helper) {
        try {
            for (Field field : Class.forName("dev.pinkeeper.cli." + user).getDeclaredFields()) {
                if (field.isAnnotationPresent(Mixin.class) && field.getType().getSimpleName().equals(helper)) {
                    return true;
                }
            }
            return false;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void collectOptions(CommandLine command, Set<String> options) {
        forEach(command, spec -> spec.options().forEach(o -> options.addAll(List.of(o.names()))));
    }

    private static void forEach(CommandLine command, java.util.function.Consumer<CommandSpec> action) {
        action.accept(command.getCommandSpec());
        command.getSubcommands().values().stream().distinct().forEach(sub -> forEach(sub, action));
    }

    /** The whole command tree, as {@code pinkeeper} builds it for the subcommand it runs. */
    private static CommandLine tree() {
        CommandLine main = new CommandLine(new Main());
        for (Class<?> subcommand : Main.subcommands()) {
            assertThat(subcommand.isAnnotationPresent(Command.class)).isTrue();
            main.addSubcommand(new CommandLine(subcommand));
        }
        return main;
    }

    /**
     * One string of the main sources as a message prints it: adjacent literals joined, each expression
     * between them ({@code + site +}, {@code .append(site)}) a placeholder {@code X}.
     *
     * @param inAnnotation whether it is in a picocli annotation (help text, option names)
     */
    record Text(Path file, String value, boolean inAnnotation) {
    }

    private static List<Text> texts() throws IOException {
        List<Text> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                texts.addAll(JavaStrings.of(file, Files.readString(file)));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return texts;
    }

    /** A small reader of Java string literals and the concatenations they are part of. */
    private static final class JavaStrings {
        private static final Pattern ANNOTATION = Pattern.compile("@(Command|Option|Parameters|ArgGroup)\\s*\\(");
        private static final Pattern JOIN = Pattern.compile("\\s*(\\+|\\)\\s*\\.append\\()\\s*");
        private static final Pattern JOIN_EXPRESSION = Pattern.compile(
                "\\s*(\\+|\\)\\s*\\.append\\()\\s*[\\w.()\\[\\]]+?\\s*(\\+|\\)\\s*\\.append\\()\\s*");
        private static final Pattern TRAILING_EXPRESSION = Pattern.compile("^\\s*(\\+|\\)\\s*\\.append\\()\\s*[\\w.(]");

        private record Literal(int start, int end, String value, boolean inAnnotation) {
        }

        static List<Text> of(Path file, String source) {
            List<Literal> literals = literals(source);
            List<Text> texts = new ArrayList<>();
            StringBuilder chain = null;
            for (int i = 0; i < literals.size(); i++) {
                Literal literal = literals.get(i);
                if (chain == null) {
                    chain = new StringBuilder();
                } else {
                    String gap = source.substring(literals.get(i - 1).end(), literal.start());
                    if (JOIN_EXPRESSION.matcher(gap).matches()) {
                        chain.append("X");
                    } else if (!JOIN.matcher(gap).matches()) {
                        texts.add(new Text(file, chain.toString(), literals.get(i - 1).inAnnotation()));
                        chain = new StringBuilder();
                    }
                }
                chain.append(literal.value());
                boolean last = i == literals.size() - 1;
                if (last || !JOIN.matcher(source.substring(literal.end(), literals.get(i + 1).start())).matches()
                        && !JOIN_EXPRESSION.matcher(source.substring(literal.end(), literals.get(i + 1).start())).matches()) {
                    if (TRAILING_EXPRESSION.matcher(source.substring(literal.end())).find()) {
                        chain.append("X");
                    }
                    texts.add(new Text(file, chain.toString(), literal.inAnnotation()));
                    chain = null;
                }
            }
            return texts;
        }

        /** Every string literal (text blocks too), outside comments and character literals. */
        private static List<Literal> literals(String s) {
            List<Literal> literals = new ArrayList<>();
            List<int[]> annotations = annotationRanges(s);
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (s.startsWith("//", i)) {
                    i = s.indexOf('\n', i) < 0 ? s.length() : s.indexOf('\n', i);
                } else if (s.startsWith("/*", i)) {
                    i = s.indexOf("*/", i + 2) + 2;
                } else if (c == '\'') {
                    i = skipQuoted(s, i, '\'');
                } else if (s.startsWith("\"\"\"", i)) {
                    int end = s.indexOf("\"\"\"", i + 3);
                    int body = s.indexOf('\n', i) + 1;
                    literals.add(new Literal(i, end + 3, unescape(s.substring(body, end).stripIndent()),
                            inside(annotations, i)));
                    i = end + 3;
                } else if (c == '"') {
                    int end = skipQuoted(s, i, '"');
                    literals.add(new Literal(i, end, unescape(s.substring(i + 1, end - 1)), inside(annotations, i)));
                    i = end;
                } else {
                    i++;
                }
            }
            return literals;
        }

        private static int skipQuoted(String s, int start, char quote) {
            int i = start + 1;
            while (s.charAt(i) != quote) {
                i += s.charAt(i) == '\\' ? 2 : 1;
            }
            return i + 1;
        }

        private static String unescape(String text) {
            return text.replace("\\n", "\n").replace("\\\"", "\"").replace("\\'", "'").replace("\\\\", "\\");
        }

        /** The source ranges of picocli annotations' arguments. */
        private static List<int[]> annotationRanges(String s) {
            List<int[]> ranges = new ArrayList<>();
            Matcher m = ANNOTATION.matcher(s);
            while (m.find()) {
                int depth = 1;
                int i = m.end();
                while (depth > 0 && i < s.length()) {
                    char c = s.charAt(i);
                    if (s.startsWith("\"\"\"", i)) {
                        i = s.indexOf("\"\"\"", i + 3) + 3;
                        continue;
                    }
                    if (c == '"' || c == '\'') {
                        i = skipQuoted(s, i, c);
                        continue;
                    }
                    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                    i++;
                }
                ranges.add(new int[] {m.start(), i});
            }
            return ranges;
        }

        private static boolean inside(List<int[]> ranges, int position) {
            return ranges.stream().anyMatch(r -> r[0] <= position && position < r[1]);
        }
    }
}
