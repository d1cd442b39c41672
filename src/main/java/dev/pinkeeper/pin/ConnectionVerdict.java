package dev.pinkeeper.pin;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What a user agent does with one connection: whether, holding a pin set (given, or from a header it notes), it
 * accepts the served chain (RFC 7469 §2.6), and whether it notes the header.
 *
 * @param validation the pin validation of the chain
 * @param noted      whether the user agent notes the header, or null when pins were given instead of a header
 * @param reason     one line: why accepted (and noted), or what stops it
 */
public record ConnectionVerdict(PinValidation validation, Boolean noted, String reason) {
    /** The verdict of a header: its {@link HeaderCheck}. */
    public static ConnectionVerdict of(HeaderCheck check) {
        return new ConnectionVerdict(check.validation(), check.noted(), check.reason());
    }

    /**
     * The verdict for a user agent already holding {@code pins}: the chain {@code served} validated by {@code validator}
     * for {@code host} (null: any) at {@code at}, none of {@code excluded} in it.
     */
    public static ConnectionVerdict ofPins(ChainValidator validator, List<X509Certificate> served, Collection<Pin> pins,
                                           Collection<Pin> excluded, String host, Instant at) {
        PinValidation validation = validator.check(served, pins, excluded, host, at);
        return new ConnectionVerdict(validation, null, validation.reason());
    }

    /** Whether the connection is accepted and the header, where there is one, noted. */
    public boolean good() {
        return validation.accepted() && !Boolean.FALSE.equals(noted);
    }
}
