package dev.pinkeeper.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
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
import org.bouncycastle.util.io.pem.PemReader;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.read.DerElement.MalformedDerException;

/**
 * Streams the certificates, public keys, private keys and CSRs of one input — PEM with any
 * number of blocks, or a single DER object whose kind is detected — to a consumer, each reduced
 * to its SubjectPublicKeyInfo and pin. Memory use does not grow with the number of objects.
 *
 * <pre>{@code
 * new KeyMaterialReader(null).read(in, m -> System.out.println(m.pin().base64()));
 * }</pre>
 *
 * Objects found before a malformed block have already been passed on when the reader throws.
 */
public final class KeyMaterialReader {
    /** Largest DER input accepted (a certificate is a few KiB; a CSR or key less). */
    public static final int MAX_DER_BYTES = 1 << 20;

    private final char[] passphrase;

    /** @param passphrase for encrypted private keys, or null to refuse them with a clear error */
    public KeyMaterialReader(char[] passphrase) {
        this.passphrase = passphrase == null ? null : passphrase.clone();
    }

    /**
     * Reads every object of {@code input} and passes it to {@code sink}.
     *
     * @return how many objects were read (at least one)
     * @throws UnreadableInputException if the input is empty, holds no object, or a block is malformed
     */
    public int read(InputStream input, Consumer<KeyMaterial> sink) throws UnreadableInputException {
        try {
            BufferedInputStream in = new BufferedInputStream(input, 1 << 16);
            in.mark(1);
            int first = in.read();
            if (first < 0) {
                throw new UnreadableInputException("empty input");
            }
            in.reset();
            if (first == DerElement.SEQUENCE) {
                sink.accept(readDer(in.readNBytes(MAX_DER_BYTES + 1)));
                return 1;
            }
            return readPem(in, sink);
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read: " + oneLine(e.getMessage()), e);
        }
    }

    private int readPem(InputStream in, Consumer<KeyMaterial> sink) throws IOException, UnreadableInputException {
        PemReader pem = new PemReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
        int index = 0;
        int block = 0;
        while (true) {
            PemObject object;
            try {
                object = pem.readPemObject();
            } catch (IOException | RuntimeException e) {
                throw new UnreadableInputException(
                        "malformed PEM after block " + block + ": " + oneLine(e.getMessage()), e);
            }
            if (object == null) {
                break;
            }
            block++;
            KeyMaterial material;
            try {
                material = fromPem(object, index);
            } catch (MalformedDerException | IOException | RuntimeException e) {
                throw new UnreadableInputException(
                        "PEM block " + block + " (" + object.getType() + "): " + oneLine(e.getMessage()), e);
            }
            if (material != null) {
                sink.accept(material);
                index++;
            }
        }
        if (index == 0) {
            throw new UnreadableInputException(block == 0
                    ? "no PEM block and not DER: not a certificate, key or CSR"
                    : "no certificate, key or CSR among its " + block + " PEM block(s)");
        }
        return index;
    }

    private KeyMaterial fromPem(PemObject object, int index)
            throws MalformedDerException, IOException, UnreadableInputException {
        byte[] der = object.getContent();
        switch (object.getType()) {
            case "CERTIFICATE":
            case "X509 CERTIFICATE":
                return certificate(der, index, false);
            case "TRUSTED CERTIFICATE":
                return certificate(der, index, true);
            case "PUBLIC KEY":
                return publicKey(der, index);
            case "RSA PUBLIC KEY":
                return spki(MaterialKind.PUBLIC_KEY, index, null, PublicKeyDerivation.fromPkcs1Public(der));
            case "PRIVATE KEY":
                return spki(MaterialKind.PRIVATE_KEY, index, null,
                        PublicKeyDerivation.fromPkcs8(PrivateKeyInfo.getInstance(der)));
            case "ENCRYPTED PRIVATE KEY":
                return spki(MaterialKind.PRIVATE_KEY, index, null,
                        PublicKeyDerivation.fromPkcs8(decryptPkcs8(der)));
            case "RSA PRIVATE KEY":
            case "EC PRIVATE KEY":
                if (isLegacyEncrypted(object)) {
                    return spki(MaterialKind.PRIVATE_KEY, index, null, decryptLegacy(object));
                }
                return spki(MaterialKind.PRIVATE_KEY, index, null, object.getType().startsWith("RSA")
                        ? PublicKeyDerivation.fromPkcs1(der)
                        : PublicKeyDerivation.fromSec1(der));
            case "CERTIFICATE REQUEST":
            case "NEW CERTIFICATE REQUEST":
                return csr(der, index);
            default:
                return null; // parameters, CRLs and other blocks carry no key to pin
        }
    }

    private KeyMaterial readDer(byte[] der) throws UnreadableInputException {
        if (der.length > MAX_DER_BYTES) {
            throw new UnreadableInputException("DER input larger than " + MAX_DER_BYTES + " bytes");
        }
        try {
            CertificateStructure.parse(der, der.length, false);
            return certificate(der, 0, false);
        } catch (MalformedDerException notACertificate) {
            // try the other kinds
        }
        ASN1Sequence sequence;
        try {
            ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
            if (!(primitive instanceof ASN1Sequence s)) {
                throw new UnreadableInputException("DER input is not a certificate, key or CSR");
            }
            sequence = s;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableInputException("malformed DER: " + oneLine(e.getMessage()), e);
        }
        try {
            return derOfKind(sequence, der);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableInputException("DER input is not a readable certificate, key or CSR: "
                    + oneLine(e.getMessage()), e);
        }
    }

    private KeyMaterial derOfKind(ASN1Sequence s, byte[] der) throws IOException, UnreadableInputException {
        int size = s.size();
        ASN1Encodable first = size > 0 ? s.getObjectAt(0) : null;
        ASN1Encodable second = size > 1 ? s.getObjectAt(1) : null;
        if (size == 2 && first instanceof ASN1Sequence && second instanceof DERBitString) {
            return spki(MaterialKind.PUBLIC_KEY, 0, null, SubjectPublicKeyInfo.getInstance(s));
        }
        if (size == 2 && first instanceof ASN1Sequence && second instanceof ASN1OctetString) {
            return spki(MaterialKind.PRIVATE_KEY, 0, null, PublicKeyDerivation.fromPkcs8(decryptPkcs8(der)));
        }
        if (size == 3 && first instanceof ASN1Sequence info && info.size() >= 3
                && info.getObjectAt(0) instanceof ASN1Integer && second instanceof ASN1Sequence) {
            return csr(der, 0);
        }
        if (size >= 3 && first instanceof ASN1Integer && second instanceof ASN1Sequence
                && s.getObjectAt(2) instanceof ASN1OctetString) {
            return spki(MaterialKind.PRIVATE_KEY, 0, null, PublicKeyDerivation.fromPkcs8(PrivateKeyInfo.getInstance(s)));
        }
        if (size >= 9 && allIntegers(s)) {
            return spki(MaterialKind.PRIVATE_KEY, 0, null, PublicKeyDerivation.fromPkcs1(der));
        }
        if (size == 2 && allIntegers(s)) {
            return spki(MaterialKind.PUBLIC_KEY, 0, null, PublicKeyDerivation.fromPkcs1Public(der));
        }
        if (size >= 2 && first instanceof ASN1Integer && second instanceof ASN1OctetString
                && size <= 4 && (size == 2 || s.getObjectAt(2) instanceof ASN1TaggedObject)) {
            return spki(MaterialKind.PRIVATE_KEY, 0, null, PublicKeyDerivation.fromSec1(der));
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

    private static KeyMaterial certificate(byte[] der, int index, boolean trailingAllowed) throws MalformedDerException {
        CertificateStructure parts = CertificateStructure.parse(der, der.length, trailingAllowed);
        Pin pin = Pin.ofSpki(der, parts.spki.start, parts.spki.encodedLength());
        return new KeyMaterial(MaterialKind.CERTIFICATE, index, subjectName(parts.subject.encoded()),
                parts.spki.encoded(), pin);
    }

    private static KeyMaterial publicKey(byte[] der, int index) throws MalformedDerException {
        DerElement spki = DerElement.at(der, 0, der.length).expect(DerElement.SEQUENCE, "a public key");
        if (spki.end != der.length) {
            throw new MalformedDerException("trailing bytes after the public key");
        }
        CertificateStructure.checkSpki(spki);
        return new KeyMaterial(MaterialKind.PUBLIC_KEY, index, null, der, Pin.ofSpki(der));
    }

    private static KeyMaterial csr(byte[] der, int index) throws IOException {
        CertificationRequest request = CertificationRequest.getInstance(ASN1Primitive.fromByteArray(der));
        SubjectPublicKeyInfo spki = request.getCertificationRequestInfo().getSubjectPublicKeyInfo();
        String subject = subjectName(request.getCertificationRequestInfo().getSubject().getEncoded("DER"));
        return spki(MaterialKind.CSR, index, subject, spki);
    }

    private static KeyMaterial spki(MaterialKind kind, int index, String subject, SubjectPublicKeyInfo info)
            throws IOException {
        byte[] der = info.getEncoded("DER");
        return new KeyMaterial(kind, index, subject, der, Pin.ofSpki(der));
    }

    private static String subjectName(byte[] encodedName) {
        try {
            return new X500Principal(encodedName).getName(X500Principal.RFC2253);
        } catch (IllegalArgumentException e) {
            return null; // an unparseable name does not stop the key from being pinned
        }
    }

    private PrivateKeyInfo decryptPkcs8(byte[] der) throws UnreadableInputException {
        if (passphrase == null) {
            throw new UnreadableInputException("encrypted private key: give its passphrase with --passphrase-file");
        }
        try {
            InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(bouncyCastle()).build(passphrase);
            return new PKCS8EncryptedPrivateKeyInfo(EncryptedPrivateKeyInfo.getInstance(der))
                    .decryptPrivateKeyInfo(decryptor);
        } catch (Exception e) {
            throw new UnreadableInputException("cannot decrypt the private key (wrong passphrase?)", e);
        }
    }

    private static boolean isLegacyEncrypted(PemObject object) {
        for (Object header : object.getHeaders()) {
            if (header instanceof PemHeader h && "Proc-Type".equals(h.getName()) && h.getValue().contains("ENCRYPTED")) {
                return true;
            }
        }
        return false;
    }

    private SubjectPublicKeyInfo decryptLegacy(PemObject object) throws UnreadableInputException {
        if (passphrase == null) {
            throw new UnreadableInputException("encrypted private key: give its passphrase with --passphrase-file");
        }
        try (PEMParser parser = new PEMParser(new java.io.StringReader(toPem(object)))) {
            Object parsed = parser.readObject();
            if (!(parsed instanceof PEMEncryptedKeyPair encrypted)) {
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

    private static String toPem(PemObject object) throws IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        try (org.bouncycastle.util.io.pem.PemWriter writer = new org.bouncycastle.util.io.pem.PemWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static volatile BouncyCastleProvider provider;

    private static BouncyCastleProvider bouncyCastle() {
        if (provider == null) {
            provider = new BouncyCastleProvider();
        }
        return provider;
    }

    /** Squeezes a message onto one line. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "malformed";
        }
        return message.replaceAll("\\s+", " ").strip();
    }
}
