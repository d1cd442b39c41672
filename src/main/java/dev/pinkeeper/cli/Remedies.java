package dev.pinkeeper.cli;

import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.error.PinkeeperException;
import dev.pinkeeper.error.Remedy;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line's spelling of a {@link Remedy}: the pinkeeper command to run, or the flag of the
 * running command that gives an input or forces a refused step. A flag the command does not take is
 * never suggested (the remedy is then said in words, or left out).
 */
final class Remedies {
    private static final String PASSPHRASE_FILE = "--passphrase-file";
    private static final String OUT = "--out";
    private static final String CONNECT_TO = "--connect-to";

    private Remedies() {
    }

    /** {@code remedies} as one phrase for {@code command} ("run: pinkeeper plan init --site example"), or null. */
    static String phrase(List<Remedy> remedies, CommandSpec command) {
        List<String> phrases = new ArrayList<>();
        for (Remedy remedy : remedies) {
            String phrase = phrase(remedy, command);
            if (phrase != null) {
                phrases.add(phrase);
            }
        }
        return phrases.isEmpty() ? null : String.join("; ", phrases);
    }

    /**
     * The remedies of {@code failure}, else of the first pinkeeper failure among its causes that has any
     * (a failure wrapped with more context keeps what helps).
     */
    static List<Remedy> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PinkeeperException p && !p.remedies().isEmpty()) {
                return p.remedies();
            }
        }
        return List.of();
    }

    /** The message of {@code failure} with its remedies spelled for {@code command}: "MESSAGE (REMEDY)". */
    static String described(PinkeeperException failure, CommandSpec command) {
        String phrase = phrase(of(failure), command);
        return phrase == null ? failure.getMessage() : failure.getMessage() + " (" + phrase + ")";
    }

    /** {@code message} with {@code remedy} (a command to run; null: none) spelled after it: "MESSAGE (REMEDY)". */
    static String withRemedy(String message, Remedy remedy) {
        String phrase = remedy == null ? null : phrase(remedy, null);
        return phrase == null ? message : message + " (" + phrase + ")";
    }

    /** One remedy in the command line's words, or null when {@code command} cannot do it. */
    static String phrase(Remedy remedy, CommandSpec command) {
        if (remedy instanceof Remedy.Run run) {
            return "run: " + commandLine(run);
        }
        if (remedy instanceof Remedy.WaitUntil wait) {
            return "allowed from: " + wait.from();
        }
        if (remedy instanceof Remedy.Force) {
            return ForceOption.phrase(command);
        }
        Remedy.Input input = ((Remedy.Give) remedy).input();
        String flag = switch (input) {
            case PASSPHRASE -> PASSPHRASE_FILE;
            case OUTPUT_FOLDER -> OUT;
            case CONNECT_ADDRESS -> CONNECT_TO;
        };
        boolean takes = command != null && command.findOption(flag) != null;
        return switch (input) {
            case PASSPHRASE -> takes ? "give it with " + flag : "give its passphrase";
            case OUTPUT_FOLDER -> takes ? "choose another " + flag + " folder" : "choose another folder";
            case CONNECT_ADDRESS -> takes ? "give the address with " + flag : "give the address to connect to";
        };
    }

    /**
     * The pinkeeper command line of {@code run}: its site (null: {@code NAME}, or every site where the command
     * takes none) and its key (null: {@code KEY}).
     */
    static String commandLine(Remedy.Run run) {
        if (run.operation() == Remedy.Operation.RENEW) {
            return run.site() == null ? "pinkeeper renew" : "pinkeeper renew --site " + run.site();
        }
        String site = run.site() == null ? "NAME" : run.site();
        if (run.operation() == Remedy.Operation.KEYS_BACKUP_EXPORT) {
            return BackupWarnings.exportCommand(site, run.key() == null ? "KEY" : run.key());
        }
        return commandLine(run.operation(), site);
    }

    /** The pinkeeper command line that runs {@code operation} on {@code site}. */
    static String commandLine(Remedy.Operation operation, String site) {
        return switch (operation) {
            case KEYS_INIT -> "pinkeeper keys init --site " + site + " --domain NAME";
            case KEYS_LIST -> "pinkeeper keys list --site " + site;
            case KEYS_CSR -> "pinkeeper keys csr --site " + site;
            case KEYS_BACKUP_RESTORE -> "pinkeeper keys backup restore --site " + site;
            case PLAN_INIT -> "pinkeeper plan init --site " + site;
            case PLAN_SHOW -> "pinkeeper plan show --site " + site;
            case PLAN_ADVANCE -> "pinkeeper plan advance --site " + site;
            case ISSUE -> "pinkeeper issue --site " + site;
            case DEPLOY -> "pinkeeper deploy --site " + site;
            case KEYS_BACKUP_EXPORT -> BackupWarnings.exportCommand(site, "KEY");
            case RENEW -> "pinkeeper renew --site " + site;
        };
    }
}
