/**
 * Live checks of a deployed site: {@link dev.pinkeeper.verify.LiveFetcher} connects over TLS, records
 * the served chain without trusting it and reads the response headers; {@link dev.pinkeeper.verify.LiveVerifier}
 * validates the chain and analyses the Public-Key-Pins, Public-Key-Pins-Report-Only and
 * Strict-Transport-Security headers it found, optionally against the pins a plan expects;
 * {@link dev.pinkeeper.verify.LiveCheck} does both in one call.
 */
package dev.pinkeeper.verify;
