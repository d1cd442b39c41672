package dev.pinkeeper.cli;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.ops.HookRun;
import dev.pinkeeper.ops.HookStage;
import dev.pinkeeper.ops.Hooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The hooks of {@code renew} and {@code issue}, as certbot's: {@code --pre-hook}, {@code --deploy-hook},
 * {@code --post-hook} and the hook folders ({@code --hooks-dir}, default {@code /etc/pinkeeper/hooks}); each
 * default from the settings file ({@link SettingsDefaults}).
 */
final class HookOptions {
    /** Where the hook folders are unless the settings file or {@code --hooks-dir} says otherwise. */
    static final Path DEFAULT_FOLDER = Path.of("/etc/pinkeeper/hooks");

    @Option(names = "--pre-hook", paramLabel = "CMD", description = "Run CMD (/bin/sh -c) once before the first"
            + " change, only when something is due; if it fails nothing changes (after the executable files of"
            + " HOOKS_DIR/pre/).")
    String preHook;

    @Option(names = "--deploy-hook", paramLabel = "CMD", description = "Run CMD once per site whose new release went"
            + " live, with $RENEWED_LINEAGE (the live release: fullchain.pem, privkey.pem), $RENEWED_DOMAINS and"
            + " $PINKEEPER_SITE (after the files of HOOKS_DIR/deploy/).")
    String deployHook;

    @Option(names = "--post-hook", paramLabel = "CMD", description = "Run CMD once at the end whenever the pre-hooks"
            + " ran, whatever happened (after the files of HOOKS_DIR/post/).")
    String postHook;

    @Option(names = "--hooks-dir", paramLabel = "HOOKS_DIR", description = "The folder of the hook folders pre/,"
            + " deploy/ and post/, whose executable files run in lexical order (default: hooks-dir in the settings"
            + " file, else /etc/pinkeeper/hooks).")
    Path hooksDir;

    /** The hooks these options and the settings file name, checked: an empty command or a missing given folder is refused. */
    Hooks hooks() {
        var defaults = SettingsDefaults.current();
        Map<HookStage, String> commands = new EnumMap<>(HookStage.class);
        put(commands, HookStage.PRE, "--pre-hook", preHook != null ? preHook : defaults.preHook());
        put(commands, HookStage.DEPLOY, "--deploy-hook", deployHook != null ? deployHook : defaults.deployHook());
        put(commands, HookStage.POST, "--post-hook", postHook != null ? postHook : defaults.postHook());
        Path folder = hooksDir != null ? hooksDir : defaults.hooksDirectory();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new UsageException("--hooks-dir: " + folder + (Files.exists(folder) ? " is not a folder"
                    : " does not exist"));
        }
        return new Hooks(folder == null ? DEFAULT_FOLDER : folder, commands, Hooks.DEFAULT_TIMEOUT);
    }

    private static void put(Map<HookStage, String> commands, HookStage stage, String option, String command) {
        if (command != null) {
            if (command.isBlank()) {
                throw new UsageException(option + ": an empty command");
            }
            commands.put(stage, command);
        }
    }

    /**
     * Ends {@code run} ({@link HookRun#finish}): its deploy-hooks, then its post-hooks; returns
     * {@link ExitCode#REJECTED} when a hook failed, else {@link ExitCode#OK}.
     */
    static int finish(HookRun run) {
        try {
            return run.finish() ? ExitCode.OK : ExitCode.REJECTED;
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        }
    }
}
