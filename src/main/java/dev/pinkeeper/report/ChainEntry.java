package dev.pinkeeper.report;

import dev.pinkeeper.pin.Pin;

/**
 * One certificate of a reported chain, reduced to what analysis needs.
 *
 * @param subject its subject (RFC 2253), or null if unreadable
 * @param issuer  its issuer (RFC 2253), or null if unreadable
 * @param pin     the pin of its public key
 */
public record ChainEntry(String subject, String issuer, Pin pin) {
}
