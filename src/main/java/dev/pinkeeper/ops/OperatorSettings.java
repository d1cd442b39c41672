package dev.pinkeeper.ops;

import java.nio.file.Path;
import java.util.List;

/**
 * The defaults an operator sets for every run on a machine ({@link SettingsFile}): a command-line option
 * always wins over them. Every field may be null (not set), {@code roots} empty.
 *
 * @param source          the file they were read from, or null for none
 * @param state           the state folder
 * @param directory       the ACME directory URL (or a CA's short name) for {@code issue}
 * @param eabKid          the external account binding key id
 * @param eabHmacKeyFile  the file holding the EAB HMAC key (never the key itself)
 * @param roots           the CA root files a site's chains must validate to
 * @param target          the server to deploy to ({@code nginx}, {@code haproxy}, {@code apache}, {@code none})
 * @param notifyCommand   the notify command
 * @param notifyAfter     how long a due rollover may wait before it is notified (a duration such as {@code 14d})
 * @param preHook         the pre-hook command
 * @param deployHook      the deploy-hook command
 * @param postHook        the post-hook command
 * @param hooksDirectory  the folder with {@code pre/}, {@code deploy/} and {@code post/} hook folders
 */
public record OperatorSettings(Path source, Path state, String directory, String eabKid, Path eabHmacKeyFile,
        List<Path> roots, String target, String notifyCommand, String notifyAfter, String preHook, String deployHook,
        String postHook, Path hooksDirectory) {
    /** No settings file. */
    public static final OperatorSettings NONE = new OperatorSettings(null, null, null, null, null, List.of(), null,
            null, null, null, null, null, null);

    public OperatorSettings {
        roots = List.copyOf(roots);
    }
}
