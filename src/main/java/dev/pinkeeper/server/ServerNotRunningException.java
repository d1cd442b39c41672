package dev.pinkeeper.server;

import java.util.List;

/**
 * The server does not run, so there was nothing to reload: no process answers for its pid file (or its
 * master socket). A release it was to reload is live; the server serves it once started, with
 * {@link #startCommand()} or its service manager ({@code systemctl start nginx}).
 */
public final class ServerNotRunningException extends ServerException {
    private static final long serialVersionUID = 1L;

    private final List<String> startCommand;

    /**
     * @param message      why the server is taken for stopped (what was found instead of a running process)
     * @param startCommand the command line that starts it as the reload expects it to run
     */
    public ServerNotRunningException(String message, List<String> startCommand) {
        super(message);
        this.startCommand = List.copyOf(startCommand);
    }

    /** The command line that starts the server with the configuration pinkeeper tests and reloads. */
    public List<String> startCommand() {
        return startCommand;
    }
}
