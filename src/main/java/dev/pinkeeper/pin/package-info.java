/**
 * Pins and pin sets: SPKI fingerprints (RFC 7469), the Public-Key-Pins header, and the
 * browser-exact check of a validated chain against a pin set.
 */
package dev.pinkeeper.pin;
