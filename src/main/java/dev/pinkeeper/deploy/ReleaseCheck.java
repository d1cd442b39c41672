package dev.pinkeeper.deploy;

import java.io.IOException;
import java.util.Set;
import java.util.function.Predicate;

import dev.pinkeeper.pin.Pin;

/**
 * A check a release must pass before it goes live, such as {@link PkixCheck} or a pin check the
 * caller provides (for example: every leaf pin is in the pin set every cached header holds).
 */
@FunctionalInterface
public interface ReleaseCheck {
    /**
     * Passes silently or throws.
     *
     * @throws ReleaseCheckException saying why the release must not go live
     */
    void check(Release release) throws ReleaseCheckException, IOException;

    /** A check that every leaf pin of the release satisfies {@code accepted}; {@code what} names it in errors. */
    static ReleaseCheck leafPins(String what, Predicate<Set<Pin>> accepted) {
        return release -> {
            Set<Pin> pins = release.leafPins();
            if (!accepted.test(pins)) {
                throw new ReleaseCheckException(what + " rejects the leaf pins " + pins);
            }
        };
    }
}
