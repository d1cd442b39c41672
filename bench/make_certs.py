#!/usr/bin/python3
"""Writes COUNT distinct X.509 certificates as one PEM file (the bulk-pinning benchmark's input).

Usage: make_certs.py COUNT OUT.pem

Half the certificates carry a fresh EC P-256 key each, half one of 16 RSA-2048 keys (RSA key
generation is too slow for 100,000 keys); every certificate has its own serial number, a
four-part subject and a SAN, and is signed by one EC CA, as in a certificate dump.
"""
import datetime
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "DE"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "pinkeeper bench"),
        x509.NameAttribute(NameOID.COMMON_NAME, "pinkeeper bench CA"),
    ])
    rsa_keys = [rsa.generate_private_key(65537, 2048).public_key() for _ in range(16)]
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    with open(out + ".tmp", "wb") as f:
        for i in range(count):
            key = ec.generate_private_key(ec.SECP256R1()).public_key() if i % 2 else rsa_keys[(i // 2) % 16]
            host = f"host{i}.bench.example"
            subject = x509.Name([
                x509.NameAttribute(NameOID.COUNTRY_NAME, "DE"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"Organisation {i % 997}"),
                x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, f"Unit {i % 13}"),
                x509.NameAttribute(NameOID.COMMON_NAME, host),
            ])
            certificate = (x509.CertificateBuilder()
                           .subject_name(subject).issuer_name(ca_name).public_key(key)
                           .serial_number(i + 1)
                           .not_valid_before(start).not_valid_after(start + datetime.timedelta(days=90))
                           .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
                           .sign(ca_key, hashes.SHA256()))
            f.write(certificate.public_bytes(serialization.Encoding.PEM))
    import os
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
