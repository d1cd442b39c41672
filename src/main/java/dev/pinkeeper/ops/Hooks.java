package dev.pinkeeper.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The operator's hooks, as certbot users know them: for each {@link HookStage}, the executable files of the
 * stage's folder ({@code FOLDER/pre/}, {@code deploy/}, {@code post/}; in lexical order of their names; other
 * files, folders, and names ending in {@code ~} or holding {@code .dpkg-} are skipped), then the stage's command
 * ({@code /bin/sh -c}). Their data is in environment variables ({@code PINKEEPER_HOOK} names the stage), never in
 * a command line. A missing folder has no hooks.
 *
 * <pre>{@code
 * Hooks hooks = new Hooks(Path.of("/etc/pinkeeper/hooks"), Map.of(HookStage.POST, "systemctl reload postfix"),
 *         Hooks.DEFAULT_TIMEOUT);
 * List<CommandRun> runs = hooks.run(HookStage.POST, Map.of());
 * }</pre>
 */
public final class Hooks {
    /** How long one hook may take before it is stopped. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final Path folder;
    private final Map<HookStage, String> commands;
    private final Duration timeout;

    /**
     * @param folder   the folder holding {@code pre/}, {@code deploy/} and {@code post/}, or null for none
     * @param commands the command of each stage that has one
     */
    public Hooks(Path folder, Map<HookStage, String> commands, Duration timeout) {
        this.folder = folder;
        this.commands = commands.isEmpty() ? Map.of() : new EnumMap<>(commands);
        this.timeout = timeout;
    }

    /** The executable files of {@code stage}'s folder, in the order they run. */
    public List<Path> files(HookStage stage) throws IOException {
        Path dir = folder == null ? null : folder.resolve(stage.label());
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(file -> {
                String name = file.getFileName().toString();
                return Files.isRegularFile(file) && Files.isExecutable(file) && !name.endsWith("~")
                        && !name.contains(".dpkg-");
            }).sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        }
    }

    /**
     * Runs {@code stage}'s hooks in order with {@code environment} and {@code PINKEEPER_HOOK} added; a pre-hook
     * that fails stops the ones after it (the others all run).
     *
     * @return how each one that ran ended, in order
     */
    public List<CommandRun> run(HookStage stage, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("PINKEEPER_HOOK", stage.label());
        List<CommandRun> runs = new ArrayList<>();
        List<Path> files;
        try {
            files = files(stage);
        } catch (IOException e) {
            runs.add(new CommandRun(folder.resolve(stage.label()).toString(), null, "cannot list the hook folder: "
                    + e.getMessage(), ""));
            return runs;
        }
        for (Path file : files) {
            runs.add(ExternalCommand.run(List.of(file.toString()), file.toString(), env, new byte[0], timeout));
            if (stage == HookStage.PRE && !runs.get(runs.size() - 1).ok()) {
                return runs;
            }
        }
        String command = commands.get(stage);
        if (command != null) {
            runs.add(ExternalCommand.shell(command, env, new byte[0], timeout));
        }
        return runs;
    }
}
