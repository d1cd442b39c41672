package dev.pinkeeper.export;

import java.util.stream.Collectors;

/**
 * curl's {@code --pinnedpubkey} value. curl compares only the leaf certificate's key, so only the
 * site's own key pins go in (current, next and backups); CA pins would never match there.
 */
public final class CurlPins {
    private CurlPins() {
    }

    /** {@code sha256//A;sha256//B;…} over the site's key pins. */
    public static String pinnedPubKey(PinExport export) {
        if (export.keyPins().isEmpty()) {
            throw new IllegalArgumentException("curl checks only the leaf key: give the site's own key pins");
        }
        return export.keyPins().stream().map(p -> "sha256//" + p.base64()).collect(Collectors.joining(";"));
    }

    /** A complete command line checking the host with those pins. */
    public static String commandLine(PinExport export) {
        return "curl --pinnedpubkey '" + pinnedPubKey(export) + "' https://" + export.bareHost() + "/";
    }
}
