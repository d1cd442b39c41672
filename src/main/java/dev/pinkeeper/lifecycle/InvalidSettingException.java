package dev.pinkeeper.lifecycle;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;

/**
 * A site setting whose value cannot work (a port out of range, a file that is not there, a CA that
 * cannot be reached): nothing was written or changed. {@link #problem} says what is wrong in domain
 * words, without the setting's name, so that a caller can name it its own way (a command-line flag).
 */
public class InvalidSettingException extends PinkeeperException {
    private final SiteSetting setting;
    private final String problem;

    public InvalidSettingException(SiteSetting setting, String problem) {
        this(setting, problem, null);
    }

    public InvalidSettingException(SiteSetting setting, String problem, Throwable cause) {
        super(ErrorKind.USAGE, setting.key() + ": " + problem, cause);
        this.setting = setting;
        this.problem = problem;
    }

    /** The setting at fault. */
    public SiteSetting setting() {
        return setting;
    }

    /** What is wrong with its value (one line, without the setting's name). */
    public String problem() {
        return problem;
    }
}
