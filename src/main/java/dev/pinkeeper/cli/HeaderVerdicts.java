package dev.pinkeeper.cli;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import dev.pinkeeper.pin.ChainValidator;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.UserAgent;

/** Checks a header value against a chain: parse it as the user agent does, validate, decide noting. */
final class HeaderVerdicts {
    private HeaderVerdicts() {
    }

    static ValidateCommand.Verdict check(ChainValidator validator, List<X509Certificate> served, UserAgent ua,
            String header, boolean reportOnly, List<Pin> excluded, String host, Instant at) {
        throw new UsageException("--header: header parsing is not available in this build yet; use --pins");
    }
}
