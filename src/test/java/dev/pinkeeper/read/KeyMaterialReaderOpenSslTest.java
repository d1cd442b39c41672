package dev.pinkeeper.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input kind of the {@code pinkeeper pin} contract, PEM and DER, for RSA (2048 and an odd
 * size), EC P-256/P-384/P-521 and Ed25519 keys made by openssl: each pin must equal the one
 * openssl's own pipeline computes for the same object.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyMaterialReaderOpenSslTest {
    private static final List<String> ALGORITHMS =
            List.of("rsa:2048", "rsa:1025", "ec:P-256", "ec:P-384", "ec:P-521", "ed25519");

    private Path dir;
    private OpenSsl openssl;
    private final Map<String, List<Sample>> samplesByAlgorithm = new LinkedHashMap<>();

    /** One file of one kind, with the pin openssl computes for it. */
    record Sample(String name, Path file, MaterialKind kind, String expectedPin, String expectedSubject, boolean pem) {
    }

    @BeforeAll
    void makeSamples(@TempDir Path tempDir) {
        dir = tempDir;
        openssl = new OpenSsl(dir);
        for (String algorithm : ALGORITHMS) {
            samplesByAlgorithm.put(algorithm, samples(algorithm));
        }
    }

    private List<Sample> samples(String algorithm) {
        String p = algorithm.replace(':', '-') + "-";
        String pw = "file:" + openssl.passphraseFile();
        Path key = openssl.key(p + "pkcs8.pem", algorithm);
        String subject = "/C=DE/ST=Berlin/O=Pin Keeper, Ltd./OU=" + algorithm + "/CN=" + p + "test.example";
        Path cert = openssl.selfSigned(key, p + "cert.pem", subject);
        Path csr = openssl.csr(key, p + "csr.pem", subject);
        Path publicKey = openssl.toFile(p + "pub.pem", "pkey", "-in", key.toString(), "-pubout");
        String keyPin = openssl.pinOfPrivateKey(key);
        String certSubject = openssl.subjectOfCertificate(cert);
        String csrSubject = subjectOfCsr(csr);

        List<Sample> s = new ArrayList<>();
        s.add(new Sample("CERTIFICATE", cert, MaterialKind.CERTIFICATE, openssl.pinOfCertificate(cert), certSubject, true));
        s.add(new Sample("PUBLIC KEY", publicKey, MaterialKind.PUBLIC_KEY, openssl.pinOfPublicKey(publicKey), null, true));
        s.add(new Sample("PRIVATE KEY", key, MaterialKind.PRIVATE_KEY, keyPin, null, true));
        Path encrypted = openssl.toFile(p + "enc-pkcs8.pem", "pkcs8", "-topk8", "-in", key.toString(),
                "-v2", "aes-256-cbc", "-passout", pw);
        s.add(new Sample("ENCRYPTED PRIVATE KEY", encrypted, MaterialKind.PRIVATE_KEY,
                openssl.pinOfPrivateKey(encrypted), null, true));
        s.add(new Sample("CERTIFICATE REQUEST", csr, MaterialKind.CSR, openssl.pinOfCsr(csr), csrSubject, true));
        Path newCsr = dir.resolve(p + "new-csr.pem");
        OpenSsl.write(newCsr, read(csr).replace("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST")
                .getBytes(StandardCharsets.US_ASCII));
        s.add(new Sample("NEW CERTIFICATE REQUEST", newCsr, MaterialKind.CSR, openssl.pinOfCsr(csr), csrSubject, true));

        s.add(derSample("certificate DER", openssl.toFile(p + "cert.der", "x509", "-in", cert.toString(),
                "-outform", "DER"), MaterialKind.CERTIFICATE, "x509 -inform DER -pubkey -noout", certSubject));
        s.add(derSample("SPKI DER", openssl.toFile(p + "pub.der", "pkey", "-in", key.toString(), "-pubout",
                "-outform", "DER"), MaterialKind.PUBLIC_KEY, "pkey -pubin -inform DER -pubout", null));
        s.add(derSample("PKCS#8 DER", openssl.toFile(p + "pkcs8.der", "pkcs8", "-topk8", "-nocrypt",
                "-in", key.toString(), "-outform", "DER"), MaterialKind.PRIVATE_KEY, "pkey -inform DER -pubout", null));
        s.add(derSample("encrypted PKCS#8 DER", openssl.toFile(p + "enc-pkcs8.der", "pkcs8", "-topk8",
                "-in", key.toString(), "-v2", "aes-128-cbc", "-passout", pw, "-outform", "DER"),
                MaterialKind.PRIVATE_KEY, "pkey -inform DER -passin " + pw + " -pubout", null));
        s.add(derSample("CSR DER", openssl.toFile(p + "csr.der", "req", "-in", csr.toString(), "-outform", "DER"),
                MaterialKind.CSR, "req -inform DER -pubkey -noout", csrSubject));

        if (algorithm.startsWith("rsa")) {
            Path rsaPublic = openssl.toFile(p + "rsa-pub.pem", "rsa", "-in", key.toString(), "-RSAPublicKey_out");
            s.add(new Sample("RSA PUBLIC KEY", rsaPublic, MaterialKind.PUBLIC_KEY,
                    pinOf("openssl rsa -RSAPublicKey_in -in '" + rsaPublic + "' -pubout"), null, true));
            Path pkcs1 = openssl.toFile(p + "rsa.pem", "rsa", "-in", key.toString(), "-traditional");
            s.add(new Sample("RSA PRIVATE KEY", pkcs1, MaterialKind.PRIVATE_KEY, openssl.pinOfPrivateKey(pkcs1), null, true));
            Path legacy = openssl.toFile(p + "rsa-enc.pem", "rsa", "-in", key.toString(), "-traditional",
                    "-aes256", "-passout", pw);
            s.add(new Sample("RSA PRIVATE KEY, Proc-Type ENCRYPTED", legacy, MaterialKind.PRIVATE_KEY,
                    openssl.pinOfPrivateKey(legacy), null, true));
            s.add(derSample("RSA PUBLIC KEY DER", openssl.toFile(p + "rsa-pub.der", "rsa", "-in", key.toString(),
                    "-RSAPublicKey_out", "-outform", "DER"), MaterialKind.PUBLIC_KEY,
                    "rsa -RSAPublicKey_in -inform DER -pubout", null));
            s.add(derSample("RSA PRIVATE KEY DER", openssl.toFile(p + "rsa.der", "rsa", "-in", key.toString(),
                    "-traditional", "-outform", "DER"), MaterialKind.PRIVATE_KEY, "rsa -inform DER -pubout", null));
        }
        if (algorithm.startsWith("ec")) {
            Path sec1 = openssl.toFile(p + "ec.pem", "ec", "-in", key.toString());
            s.add(new Sample("EC PRIVATE KEY", sec1, MaterialKind.PRIVATE_KEY, openssl.pinOfPrivateKey(sec1), null, true));
            Path legacy = openssl.toFile(p + "ec-enc.pem", "ec", "-in", key.toString(), "-aes128", "-passout", pw);
            s.add(new Sample("EC PRIVATE KEY, Proc-Type ENCRYPTED", legacy, MaterialKind.PRIVATE_KEY,
                    openssl.pinOfPrivateKey(legacy), null, true));
            s.add(derSample("EC PRIVATE KEY DER", openssl.toFile(p + "ec.der", "ec", "-in", key.toString(),
                    "-outform", "DER"), MaterialKind.PRIVATE_KEY, "ec -inform DER -pubout", null));
        }
        return s;
    }

    private Sample derSample(String name, Path file, MaterialKind kind, String opensslToPublicKey, String subject) {
        return new Sample(name, file, kind, pinOf("openssl " + opensslToPublicKey + " -in '" + file + "'"), subject, false);
    }

    /** Pin by openssl of whatever PEM public key {@code command} prints. */
    private String pinOf(String command) {
        return new String(openssl.sh(command + " | openssl pkey -pubin -outform der"
                + " | openssl dgst -sha256 -binary | base64"), StandardCharsets.US_ASCII).strip();
    }

    private String subjectOfCsr(Path csr) {
        String line = new String(openssl.openssl("req", "-in", csr.toString(), "-noout", "-subject",
                "-nameopt", "RFC2253,-esc_msb"), StandardCharsets.UTF_8).strip();
        return line.substring("subject=".length());
    }

    @TestFactory
    Stream<DynamicContainer> everyKindOfEveryKeyTypeMatchesOpenssl() {
        return samplesByAlgorithm.entrySet().stream().map(e -> DynamicContainer.dynamicContainer(e.getKey(),
                e.getValue().stream().map(sample -> DynamicTest.dynamicTest(sample.name(), () -> {
                    List<KeyMaterial> read = readAll(Files.newInputStream(sample.file()));
                    assertThat(read).hasSize(1);
                    KeyMaterial m = read.get(0);
                    assertThat(m.pin().base64()).isEqualTo(sample.expectedPin());
                    assertThat(m.kind()).isEqualTo(sample.kind());
                    assertThat(m.index()).isZero();
                    assertThat(m.subject()).isEqualTo(sample.expectedSubject());
                    assertThat(Pin256.of(m.spki())).isEqualTo(sample.expectedPin());
                }))));
    }

    @TestFactory
    Stream<DynamicTest> allKindsOfAKeyAgreeOnOnePin() {
        return samplesByAlgorithm.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () ->
                assertThat(e.getValue()).extracting(Sample::expectedPin).hasSize(e.getValue().size()).containsOnly(
                        e.getValue().get(0).expectedPin())));
    }

    @TestFactory
    Stream<DynamicTest> onePemFileWithEveryBlockInOrder() {
        return samplesByAlgorithm.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            StringBuilder pem = new StringBuilder("Bag Attributes: text before the first block is ignored\n");
            List<Sample> pemSamples = e.getValue().stream().filter(Sample::pem).toList();
            for (Sample sample : pemSamples) {
                pem.append(read(sample.file()));
                if (sample.kind() == MaterialKind.CERTIFICATE) {
                    // a block without a key between objects: skipped, does not take an index
                    pem.append(new String(openssl.openssl("ecparam", "-name", "prime256v1"), StandardCharsets.US_ASCII));
                }
                pem.append("\n");
            }
            List<KeyMaterial> read = readAll(new ByteArrayInputStream(pem.toString().getBytes(StandardCharsets.US_ASCII)));
            assertThat(read).extracting(KeyMaterial::index, KeyMaterial::kind, m -> m.pin().base64())
                    .containsExactlyElementsOf(pemSamples.stream().map(s -> tuple(pemSamples.indexOf(s), s.kind(),
                            s.expectedPin())).toList());
        }));
    }

    private List<KeyMaterial> readAll(InputStream in) throws UnreadableInputException, IOException {
        List<KeyMaterial> read = new ArrayList<>();
        try (in) {
            int count = new KeyMaterialReader(OpenSsl.PASSPHRASE.toCharArray()).read(in, read::add);
            assertThat(count).isEqualTo(read.size());
        }
        return read;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 + base64 of the SPKI the reader returned, computed here with the JDK alone. */
    private static final class Pin256 {
        static String of(byte[] spki) throws Exception {
            return java.util.Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(spki));
        }
    }
}
