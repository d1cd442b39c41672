package dev.pinkeeper.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Consumer;

import javax.security.auth.x500.X500Principal;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.read.BouncyCastleDecoder.Decoded;
import dev.pinkeeper.read.DerElement.MalformedDerException;
import dev.pinkeeper.read.PemBlockReader.MalformedPemException;
import dev.pinkeeper.read.PemBlockReader.PemBlock;

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
    /** Largest DER input or PEM block accepted (a certificate is a few KiB; a CSR or key less). */
    public static final int MAX_DER_BYTES = 1 << 20;

    /**
     * BouncyCastle parses ASN.1 recursively: absurdly deep nesting overflows the stack, which is
     * caught at the decoder boundary (no lock or state outlives it) and reported as this.
     */
    private static final String TOO_DEEP = "ASN.1 nested too deeply";

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
            PushbackInputStream in = new PushbackInputStream(input, 1);
            int first = in.read();
            if (first < 0) {
                throw new UnreadableInputException("empty input");
            }
            in.unread(first);
            Session session = new Session(sink);
            if (first == DerElement.SEQUENCE) {
                session.der(in.readNBytes(MAX_DER_BYTES + 1));
                return 1;
            }
            return session.pem(new PemBlockReader(in));
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read: " + oneLine(e.getMessage()), e);
        }
    }

    /** The state of reading one input: its sink, a reused SHA-256 and, when needed, BouncyCastle. */
    private final class Session {
        private final Consumer<KeyMaterial> sink;
        private final MessageDigest sha256 = sha256();
        private BouncyCastleDecoder decoder;

        Session(Consumer<KeyMaterial> sink) {
            this.sink = sink;
        }

        int pem(PemBlockReader pem) throws IOException, UnreadableInputException {
            int index = 0;
            int block = 0;
            while (true) {
                PemBlock object;
                try {
                    object = pem.next();
                } catch (MalformedPemException e) {
                    throw new UnreadableInputException("PEM block " + (block + 1) + ": " + e.getMessage());
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
                            "PEM block " + block + " (" + object.type() + "): " + oneLine(e.getMessage()), e);
                } catch (StackOverflowError e) {
                    throw new UnreadableInputException("PEM block " + block + " (" + object.type() + "): " + TOO_DEEP);
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

        private KeyMaterial fromPem(PemBlock block, int index)
                throws MalformedDerException, IOException, UnreadableInputException {
            byte[] der = block.der();
            switch (block.type()) {
                case "CERTIFICATE", "X509 CERTIFICATE":
                    return certificate(der, index, false);
                case "TRUSTED CERTIFICATE":
                    return certificate(der, index, true);
                case "PUBLIC KEY":
                    return publicKey(der, index);
                case "RSA PUBLIC KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
                        "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST":
                    return material(decoder().fromPem(block.type(), block.headers(), der), index);
                default:
                    return null; // parameters, CRLs and other blocks carry no key to pin
            }
        }

        void der(byte[] der) throws UnreadableInputException {
            if (der.length > MAX_DER_BYTES) {
                throw new UnreadableInputException("DER input larger than " + MAX_DER_BYTES + " bytes");
            }
            KeyMaterial material;
            try {
                material = certificate(der, 0, false);
            } catch (MalformedDerException notACertificate) {
                try {
                    material = material(decoder().fromDer(der), 0);
                } catch (IOException | RuntimeException e) {
                    throw new UnreadableInputException("DER input is not a readable certificate, key or CSR: "
                            + oneLine(e.getMessage()), e);
                } catch (StackOverflowError e) {
                    throw new UnreadableInputException("DER input: " + TOO_DEEP);
                }
            }
            sink.accept(material);
        }

        private KeyMaterial certificate(byte[] der, int index, boolean trailingAllowed) throws MalformedDerException {
            CertificateStructure parts = CertificateStructure.parse(der, der.length, trailingAllowed);
            return new KeyMaterial(MaterialKind.CERTIFICATE, index, subjectName(parts.subject.encoded()),
                    parts.spki.encoded(), pin(der, parts.spki.start, parts.spki.encodedLength()));
        }

        private KeyMaterial publicKey(byte[] der, int index) throws MalformedDerException {
            DerElement spki = DerElement.at(der, 0, der.length).expect(DerElement.SEQUENCE, "a public key");
            if (spki.end != der.length) {
                throw new MalformedDerException("trailing bytes after the public key");
            }
            CertificateStructure.checkSpki(spki);
            return new KeyMaterial(MaterialKind.PUBLIC_KEY, index, null, der, pin(der, 0, der.length));
        }

        private KeyMaterial material(Decoded decoded, int index) {
            byte[] spki = decoded.spki();
            String subject = decoded.subject() == null ? null : subjectName(decoded.subject());
            return new KeyMaterial(decoded.kind(), index, subject, spki, pin(spki, 0, spki.length));
        }

        private Pin pin(byte[] der, int offset, int length) {
            sha256.update(der, offset, length);
            return Pin.ofDigest(sha256.digest());
        }

        private BouncyCastleDecoder decoder() {
            if (decoder == null) {
                decoder = new BouncyCastleDecoder(passphrase);
            }
            return decoder;
        }
    }

    private static String subjectName(byte[] encodedName) {
        try {
            return new X500Principal(encodedName).getName(X500Principal.RFC2253);
        } catch (IllegalArgumentException e) {
            return null; // an unparseable name does not stop the key from being pinned
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Squeezes a message onto one line. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "malformed";
        }
        return message.replaceAll("\\s+", " ").strip();
    }
}
