package dev.pinkeeper.cli.options;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;
import dev.pinkeeper.net.HostPort;

/**
 * The reading of a {@code HOST:PORT} option ({@code --listen}, {@code --operator-listen}): the library's
 * {@link HostPort#parse} (port 0 picks a free one), its refusal a usage error naming the option.
 */
public final class HostPortOption {
    private HostPortOption() {
    }

    /** {@code text}, the value of {@code option}; a usage error naming the option when it is not HOST:PORT. */
    public static HostPort parse(String option, String text) {
        try {
            return HostPort.parse(text);
        } catch (IllegalArgumentException e) {
            throw new PinkeeperException(ErrorKind.USAGE, option + ": " + e.getMessage(), e);
        }
    }
}
