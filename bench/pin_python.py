#!/usr/bin/python3
"""Pins every certificate of a PEM file with Python's cryptography library, printing the same
lines as `pinkeeper pin` (pin, file#index, kind, RFC 4514 subject): the benchmark's reference.

Usage: pin_python.py FILE.pem
Streams the file block by block (like pinkeeper) and parses each block with
load_pem_x509_certificate.
"""
import base64
import hashlib
import sys

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def blocks(path):
    lines = []
    with open(path, "rb") as f:
        for line in f:
            lines.append(line)
            if line.startswith(b"-----END CERTIFICATE-----"):
                yield b"".join(lines)
                lines = []


def main():
    path = sys.argv[1]
    out = sys.stdout
    index = 0
    for block in blocks(path):
        certificate = x509.load_pem_x509_certificate(block)
        spki = certificate.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        pin = base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii")
        out.write(f'pin-sha256="{pin}"\t{path}#{index}\tcertificate\t{certificate.subject.rfc4514_string()}\n')
        index += 1


if __name__ == "__main__":
    main()
