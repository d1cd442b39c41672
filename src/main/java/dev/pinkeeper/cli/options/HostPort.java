package dev.pinkeeper.cli.options;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;

/**
 * A listening address given as {@code HOST:PORT} (the last colon separates the port, so that
 * {@code [::1]:8470} works), the port from 0 (any free one) to 65535.
 *
 * @param host the host or address, as given
 * @param port the port
 */
public record HostPort(String host, int port) {
    /** {@code text}, the value of {@code option}; a usage error naming the option when it is not HOST:PORT. */
    public static HostPort parse(String option, String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new PinkeeperException(ErrorKind.USAGE, option + ": expected HOST:PORT, not " + text);
        }
        String port = text.substring(colon + 1);
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new PinkeeperException(ErrorKind.USAGE, option + ": not a port: " + port);
        }
        if (number < 0 || number > 65535) {
            throw new PinkeeperException(ErrorKind.USAGE, option + ": the port must be from 0 to 65535, not " + number);
        }
        return new HostPort(text.substring(0, colon), number);
    }
}
