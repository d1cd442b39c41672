package dev.pinkeeper.read;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Decodes the kinds that need a full ASN.1 parser or key arithmetic — private keys (plain or
 * encrypted), PKCS#1 public keys, CSRs, DER of unknown kind — with BouncyCastle. Kept apart from
 * {@link KeyMaterialReader} so that pinning certificates never loads BouncyCastle's (signed, slow
 * to verify) classes. Malformed input throws {@link IOException} or a {@link RuntimeException}
 * from BouncyCastle, which the reader turns into an {@link UnreadableInputException}.
 */
final class BouncyCastleDecoder {
    /** What a decoded object comes down to: its kind, DER subject name (or null) and DER SPKI. */
    record Decoded(MaterialKind kind, byte[] subject, byte[] spki) {
    }

    private static BouncyCastleProvider provider;

    private final char[] passphrase;

    BouncyCastleDecoder(char[] passphrase) {
        this.passphrase = passphrase;
    }

    /** Decodes a PEM block of one of the private key, RSA public key or CSR types. */
    Decoded fromPem(String type, Map<String, String> headers, byte[] der) throws IOException, UnreadableInputException {
        return switch (type) {
            case "RSA PUBLIC KEY" -> key(MaterialKind.PUBLIC_KEY, PublicKeyDerivation.fromPkcs1Public(der));
            case "PRIVATE KEY" -> key(MaterialKind.PRIVATE_KEY, PublicKeyDerivation.fromPkcs8(PrivateKeyInfo.getInstance(der)));
            case "ENCRYPTED PRIVATE KEY" -> key(MaterialKind.PRIVATE_KEY, PublicKeyDerivation.fromPkcs8(decryptPkcs8(der)));
            case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                String procType = headers.get("Proc-Type");
                if (procType != null && procType.contains("ENCRYPTED")) {
                    yield key(MaterialKind.PRIVATE_KEY, decryptLegacy(type, headers, der));
                }
                yield key(MaterialKind.PRIVATE_KEY, type.startsWith("RSA")
                        ? PublicKeyDerivation.fromPkcs1(der)
                        : PublicKeyDerivation.fromSec1(der));
            }
            case "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST" -> csr(der);
            default -> throw new IllegalArgumentException("not a key or CSR block: " + type);
        };
    }

    /** Detects and decodes DER that is not a certificate: SPKI, PKCS#8 (plain or encrypted), PKCS#1, SEC 1, CSR. */
    Decoded fromDer(byte[] der) throws IOException, UnreadableInputException {
        if (!(ASN1Primitive.fromByteArray(der) instanceof ASN1Sequence s)) {
            throw new UnreadableInputException("DER input is not a certificate, key or CSR");
        }
        int size = s.size();
        ASN1Encodable first = size > 0 ? s.getObjectAt(0) : null;
        ASN1Encodable second = size > 1 ? s.getObjectAt(1) : null;
        if (size == 2 && first instanceof ASN1Sequence && second instanceof DERBitString) {
            return key(MaterialKind.PUBLIC_KEY, SubjectPublicKeyInfo.getInstance(s));
        }
        if (size == 2 && first instanceof ASN1Sequence && second instanceof ASN1OctetString) {
            return key(MaterialKind.PRIVATE_KEY, PublicKeyDerivation.fromPkcs8(decryptPkcs8(der)));
        }
        if (size == 3 && first instanceof ASN1Sequence info && info.size() >= 3
                && info.getObjectAt(0) instanceof ASN1Integer && second instanceof ASN1Sequence) {
            return csr(der);
        }
        if (size >= 3 && first instanceof ASN1Integer && second instanceof ASN1Sequence
                && s.getObjectAt(2) instanceof ASN1OctetString) {
            return key(MaterialKind.PRIVATE_KEY, PublicKeyDerivation.fromPkcs8(PrivateKeyInfo.getInstance(s)));
        }
        if (size >= 9 && allIntegers(s)) {
            return key(MaterialKind.PRIVATE_KEY, PublicKeyDerivation.fromPkcs1(der));
        }
        if (size == 2 && allIntegers(s)) {
            return key(MaterialKind.PUBLIC_KEY, PublicKeyDerivation.fromPkcs1Public(der));
        }
        if (size >= 2 && first instanceof ASN1Integer && second instanceof ASN1OctetString
                && size <= 4 && (size == 2 || s.getObjectAt(2) instanceof ASN1TaggedObject)) {
            return key(MaterialKind.PRIVATE_KEY, PublicKeyDerivation.fromSec1(der));
        }
        throw new UnreadableInputException("DER input is not a certificate, key or CSR");
    }

    private static boolean allIntegers(ASN1Sequence s) {
        for (ASN1Encodable element : s) {
            if (!(element instanceof ASN1Integer)) {
                return false;
            }
        }
        return true;
    }

    private static Decoded key(MaterialKind kind, SubjectPublicKeyInfo spki) throws IOException {
        return new Decoded(kind, null, spki.getEncoded("DER"));
    }

    private static Decoded csr(byte[] der) throws IOException {
        CertificationRequestInfo info = CertificationRequest.getInstance(ASN1Primitive.fromByteArray(der))
                .getCertificationRequestInfo();
        return new Decoded(MaterialKind.CSR, info.getSubject().getEncoded("DER"),
                info.getSubjectPublicKeyInfo().getEncoded("DER"));
    }

    private PrivateKeyInfo decryptPkcs8(byte[] der) throws UnreadableInputException {
        requirePassphrase();
        try {
            InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(bouncyCastle()).build(passphrase);
            return new PKCS8EncryptedPrivateKeyInfo(EncryptedPrivateKeyInfo.getInstance(der))
                    .decryptPrivateKeyInfo(decryptor);
        } catch (Exception e) {
            throw new UnreadableInputException("cannot decrypt the private key (wrong passphrase?)", e);
        }
    }

    /** Decrypts an OpenSSL "traditional" key with Proc-Type/DEK-Info headers. */
    private SubjectPublicKeyInfo decryptLegacy(String type, Map<String, String> headers, byte[] der)
            throws UnreadableInputException {
        requirePassphrase();
        List<PemHeader> pemHeaders = new ArrayList<>();
        headers.forEach((name, value) -> pemHeaders.add(new PemHeader(name, value)));
        try (PEMParser parser = new PEMParser(new StringReader(toPem(new PemObject(type, pemHeaders, der))))) {
            if (!(parser.readObject() instanceof PEMEncryptedKeyPair encrypted)) {
                throw new UnreadableInputException("unreadable encrypted private key");
            }
            PEMKeyPair pair = encrypted.decryptKeyPair(
                    new JcePEMDecryptorProviderBuilder().setProvider(bouncyCastle()).build(passphrase));
            return PublicKeyDerivation.fromPkcs8(pair.getPrivateKeyInfo());
        } catch (UnreadableInputException e) {
            throw e;
        } catch (Exception e) {
            throw new UnreadableInputException("cannot decrypt the private key (wrong passphrase?)", e);
        }
    }

    private void requirePassphrase() throws UnreadableInputException {
        if (passphrase == null) {
            throw new UnreadableInputException("encrypted private key: no passphrase given",
                    dev.pinkeeper.error.Remedy.give(dev.pinkeeper.error.Remedy.Input.PASSPHRASE));
        }
    }

    private static String toPem(PemObject object) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static synchronized BouncyCastleProvider bouncyCastle() {
        if (provider == null) {
            provider = new BouncyCastleProvider();
        }
        return provider;
    }
}
