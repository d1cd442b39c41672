package dev.pinkeeper.ops;

/**
 * How one external command (a hook, the notify command) ended.
 *
 * @param command  what ran, for the operator (the command line or the file)
 * @param exitCode its exit status, or null when it could not start or was stopped at its time limit
 * @param problem  why it did not succeed (could not start, time limit, exit status with the end of its
 *                 output), or null when it succeeded
 * @param output   the end of what it printed (stdout and stderr), at most a few lines
 */
public record CommandRun(String command, Integer exitCode, String problem, String output) {
    /** Whether it ran and exited 0. */
    public boolean ok() {
        return problem == null;
    }
}
