package dev.pinkeeper.testing;

/** Free TCP ports on 127.0.0.1, for the external programs the tests start. */
public final class FreePorts {
    private FreePorts() {
    }

    /** A port that was free on 127.0.0.1 a moment ago (the OS picks it): {@link dev.pinkeeper.rehearse.FreePorts}. */
    public static int next() {
        return dev.pinkeeper.rehearse.FreePorts.next();
    }
}
