/**
 * Reading certificates, public keys, private keys and CSRs from PEM (any number of blocks) or
 * DER, streaming, down to their SubjectPublicKeyInfo and pin.
 */
package dev.pinkeeper.read;
