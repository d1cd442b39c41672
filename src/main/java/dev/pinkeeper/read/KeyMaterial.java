package dev.pinkeeper.read;

import dev.pinkeeper.pin.Pin;

/**
 * One object found in an input — a certificate, public key, private key or CSR — reduced to
 * what pinning needs: its DER SubjectPublicKeyInfo and the pin of it.
 *
 * @param kind    what the object is
 * @param index   its position among the objects of its input, from 0
 * @param subject the certificate's or CSR's subject (RFC 2253), or null for keys
 * @param spki    the DER SubjectPublicKeyInfo (not copied: do not modify)
 * @param pin     the SHA-256 pin of {@code spki}
 */
public record KeyMaterial(MaterialKind kind, int index, String subject, byte[] spki, Pin pin) {
}
