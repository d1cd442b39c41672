package dev.pinkeeper.ops;

/** A pre-hook failed: the renewal stops before anything changes. The message names the hook and how it ended. */
public final class HookFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public HookFailedException(String message) {
        super(message);
    }
}
