package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pinkeeper.testing.PinkeeperProcess;
import dev.pinkeeper.testing.PinkeeperProcess.Result;
import dev.pinkeeper.read.OpenSsl;

/**
 * {@code pinkeeper pin} as a user runs it (a real JVM, real files and stdin): the exact text and
 * JSON formats of the contract, every pin checked against openssl, and the error rules (one line
 * on stderr naming the input, exit 2, the other inputs still printed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PinCommandTest {
    private Path dir;
    private OpenSsl openssl;
    private Path cert;
    private Path key;
    private Path publicKey;
    private Path csr;
    private Path chain;
    private String keyPin;
    private String caPin;
    private String subject;
    private String caSubject;

    @BeforeAll
    void makeInputs(@TempDir Path tempDir) {
        dir = tempDir;
        openssl = new OpenSsl(dir);
        key = openssl.key("key.pem", "rsa:2048");
        cert = openssl.selfSigned(key, "cert.pem", "/C=FR/O=Épinglé S.A./OU=ops/CN=www.example.org");
        csr = openssl.csr(key, "csr.pem", "/O=Pin Keeper, Ltd./CN=csr.example.org");
        publicKey = openssl.toFile("pub.pem", "pkey", "-in", key.toString(), "-pubout");
        Path caKey = openssl.key("ca-key.pem", "ec:P-384");
        Path ca = openssl.selfSigned(caKey, "ca.pem", "/CN=Test CA");
        chain = dir.resolve("chain.pem");
        OpenSsl.write(chain, (read(cert) + read(ca)).getBytes(StandardCharsets.UTF_8));
        keyPin = openssl.pinOfCertificate(cert);
        caPin = openssl.pinOfCertificate(ca);
        subject = openssl.subjectOfCertificate(cert);
        caSubject = openssl.subjectOfCertificate(ca);
        assertThat(openssl.pinOfPrivateKey(key)).isEqualTo(keyPin);
    }

    @Test
    void textIsOneTabSeparatedLinePerObject() {
        Result result = PinkeeperProcess.run(dir, "pin", "cert.pem", "key.pem", "pub.pem", "csr.pem", "chain.pem");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).isEqualTo(String.join("",
                line(keyPin, "cert.pem#0", "certificate", subject),
                line(keyPin, "key.pem#0", "private-key", "-"),
                line(keyPin, "pub.pem#0", "public-key", "-"),
                line(openssl.pinOfCsr(csr), "csr.pem#0", "csr", "CN=csr.example.org,O=Pin Keeper\\, Ltd."),
                line(keyPin, "chain.pem#0", "certificate", subject),
                line(caPin, "chain.pem#1", "certificate", caSubject)));
    }

    @Test
    void jsonIsOneArrayWithTheContractsFields() throws IOException {
        Result result = PinkeeperProcess.run(dir, "pin", "--json", "cert.pem", "key.pem", "chain.pem");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).isEmpty();
        JsonNode array = new ObjectMapper().readTree(result.stdout());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(4);
        assertObject(array.get(0), "cert.pem", 0, "certificate", subject, keyPin);
        assertObject(array.get(1), "key.pem", 0, "private-key", null, keyPin);
        assertObject(array.get(2), "chain.pem", 0, "certificate", subject, keyPin);
        assertObject(array.get(3), "chain.pem", 1, "certificate", caSubject, caPin);
    }

    @Test
    void standardInputIsReadForDashOrNoFile() throws IOException {
        byte[] pem = Files.readAllBytes(chain);

        Result dash = PinkeeperProcess.run(dir, pem, "pin", "-");
        Result none = PinkeeperProcess.run(dir, pem, "pin");

        for (Result result : List.of(dash, none)) {
            assertThat(result.exitCode()).isZero();
            assertThat(result.stdout()).isEqualTo(line(keyPin, "-#0", "certificate", subject)
                    + line(caPin, "-#1", "certificate", caSubject));
        }
    }

    @Test
    void derOfEveryKindIsDetected() {
        openssl.toFile("cert.der", "x509", "-in", cert.toString(), "-outform", "DER");
        openssl.toFile("key.der", "pkcs8", "-topk8", "-nocrypt", "-in", key.toString(), "-outform", "DER");
        openssl.toFile("pub.der", "pkey", "-in", key.toString(), "-pubout", "-outform", "DER");
        openssl.toFile("csr.der", "req", "-in", csr.toString(), "-outform", "DER");

        Result result = PinkeeperProcess.run(dir, "pin", "cert.der", "key.der", "pub.der", "csr.der");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdoutLines()).containsExactly(
                line(keyPin, "cert.der#0", "certificate", subject).strip(),
                line(keyPin, "key.der#0", "private-key", "-").strip(),
                line(keyPin, "pub.der#0", "public-key", "-").strip(),
                line(keyPin, "csr.der#0", "csr", "CN=csr.example.org,O=Pin Keeper\\, Ltd.").strip());
    }

    @Test
    void everyUnreadableInputIsOneLineOnStderrAndTheOthersAreStillPinned() throws IOException {
        Files.writeString(dir.resolve("garbage.txt"), "this is not a certificate\n");
        String pem = read(cert);
        Files.writeString(dir.resolve("truncated.pem"), pem.substring(0, pem.indexOf("-----END")));
        Files.writeString(dir.resolve("bad-base64.pem"), pem.replaceFirst("\n(.)", "\n!"));
        Files.write(dir.resolve("empty.pem"), new byte[0]);
        Files.createDirectories(dir.resolve("a-directory"));
        List<String> bad = List.of("garbage.txt", "truncated.pem", "bad-base64.pem", "empty.pem", "a-directory",
                "missing.pem");

        Result text = PinkeeperProcess.run(dir, "pin", "garbage.txt", "truncated.pem", "cert.pem", "bad-base64.pem",
                "empty.pem", "a-directory", "missing.pem", "pub.pem");
        Result json = PinkeeperProcess.run(dir, "pin", "--json", "garbage.txt", "truncated.pem", "cert.pem",
                "bad-base64.pem", "empty.pem", "a-directory", "missing.pem", "pub.pem");

        assertThat(text.exitCode()).isEqualTo(2);
        assertThat(text.stdout()).isEqualTo(line(keyPin, "cert.pem#0", "certificate", subject)
                + line(keyPin, "pub.pem#0", "public-key", "-"));
        assertThat(json.exitCode()).isEqualTo(2);
        JsonNode array = new ObjectMapper().readTree(json.stdout());
        assertThat(array).hasSize(2);
        assertObject(array.get(0), "cert.pem", 0, "certificate", subject, keyPin);
        assertObject(array.get(1), "pub.pem", 0, "public-key", null, keyPin);
        for (Result result : List.of(text, json)) {
            assertThat(result.stderrLines()).hasSize(bad.size());
            Iterator<String> lines = result.stderrLines().iterator();
            for (String name : bad) {
                assertThat(lines.next()).startsWith("pinkeeper: " + name + ": ").doesNotContain("Exception");
            }
        }
        assertThat(text.stderrLines()).anySatisfy(l -> assertThat(l).contains("truncated.pem").contains("END"))
                .anySatisfy(l -> assertThat(l).contains("bad-base64.pem").contains("base64"))
                .anySatisfy(l -> assertThat(l).contains("a-directory").contains("directory"))
                .anySatisfy(l -> assertThat(l).contains("missing.pem").contains("no such file"))
                .anySatisfy(l -> assertThat(l).contains("empty.pem").contains("empty"));
    }

    @Test
    void encryptedKeysNeedThePassphraseFile() throws IOException {
        openssl.toFile("encrypted.pem", "pkcs8", "-topk8", "-in", key.toString(), "-v2", "aes-256-cbc",
                "-passout", "file:" + openssl.passphraseFile());
        Files.writeString(dir.resolve("wrong.txt"), "not the passphrase\n");

        Result without = PinkeeperProcess.run(dir, "pin", "encrypted.pem", "cert.pem");
        Result wrong = PinkeeperProcess.run(dir, "pin", "--passphrase-file", "wrong.txt", "encrypted.pem");
        Result right = PinkeeperProcess.run(dir, "pin", "--passphrase-file", openssl.passphraseFile().toString(),
                "encrypted.pem");

        assertThat(without.exitCode()).isEqualTo(2);
        assertThat(without.stderrLines()).singleElement().asString()
                .startsWith("pinkeeper: encrypted.pem: ").contains("--passphrase-file");
        assertThat(without.stdout()).isEqualTo(line(keyPin, "cert.pem#0", "certificate", subject));
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.stderrLines()).singleElement().asString().startsWith("pinkeeper: encrypted.pem: ")
                .contains("passphrase");
        assertThat(right.exitCode()).isZero();
        assertThat(right.stdout()).isEqualTo(line(keyPin, "encrypted.pem#0", "private-key", "-"));
        assertThat(right.stdout() + right.stderr()).doesNotContain(OpenSsl.PASSPHRASE);
    }

    @Test
    void expiredAndNotYetValidCertificatesAreStillPinned() throws Exception {
        Path ecKey = openssl.key("ec-key.pem", "ec:P-256");
        Instant now = Instant.now();
        Path expired = certificate(ecKey, "expired.pem", "CN=expired", now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(1)));
        Path future = certificate(ecKey, "future.pem", "CN=not yet valid", now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        X509Certificate[] parsed = {parse(expired), parse(future)};
        org.assertj.core.api.Assertions.assertThatThrownBy(parsed[0]::checkValidity)
                .isInstanceOf(CertificateExpiredException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(parsed[1]::checkValidity)
                .isInstanceOf(CertificateNotYetValidException.class);
        String ecPin = openssl.pinOfPrivateKey(ecKey);

        Result result = PinkeeperProcess.run(dir, "pin", "expired.pem", "future.pem");

        assertThat(result.exitCode()).isZero();
        assertThat(openssl.pinOfCertificate(expired)).isEqualTo(ecPin);
        assertThat(openssl.pinOfCertificate(future)).isEqualTo(ecPin);
        assertThat(result.stdout()).isEqualTo(line(ecPin, "expired.pem#0", "certificate", "CN=expired")
                + line(ecPin, "future.pem#0", "certificate", "CN=not yet valid"));
    }

    @Test
    void aClosedStandardOutputIsOneLineNotAStackTrace() throws Exception {
        Path many = dir.resolve("many.pem");
        Files.writeString(many, read(cert).repeat(3000));
        Process process = new ProcessBuilder(PinkeeperProcess.command("pin", many.toString())).directory(dir.toFile())
                .redirectInput(new java.io.File("/dev/null")).redirectError(dir.resolve("pipe-err.txt").toFile())
                .start();
        byte[] first = process.getInputStream().readNBytes(100);
        process.getInputStream().close(); // like `pinkeeper pin many.pem | head -c 100`

        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(new String(first, StandardCharsets.UTF_8)).startsWith("pin-sha256=\"" + keyPin);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(dir.resolve("pipe-err.txt"))).singleElement().asString()
                .startsWith("pinkeeper: cannot write to standard output: ");
    }

    /** A self-signed certificate valid from {@code notBefore} to {@code notAfter}, made with BouncyCastle. */
    private Path certificate(Path keyPem, String name, String subjectName, Instant notBefore, Instant notAfter)
            throws Exception {
        KeyFactory factory = KeyFactory.getInstance("EC");
        PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(
                openssl.openssl("pkcs8", "-topk8", "-nocrypt", "-in", keyPem.toString(), "-outform", "DER")));
        PublicKey pub = factory.generatePublic(new X509EncodedKeySpec(
                openssl.openssl("pkey", "-in", keyPem.toString(), "-pubout", "-outform", "DER")));
        X500Principal principal = new X500Principal(subjectName);
        byte[] der = new JcaX509v3CertificateBuilder(principal, BigInteger.valueOf(notBefore.toEpochMilli()),
                Date.from(notBefore), Date.from(notAfter), principal, pub)
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(privateKey)).getEncoded();
        Path file = dir.resolve(name);
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END CERTIFICATE-----\n");
        return file;
    }

    private static X509Certificate parse(Path pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }

    private static String line(String pin, String fileAndIndex, String kind, String subject) {
        return "pin-sha256=\"" + pin + "\"\t" + fileAndIndex + "\t" + kind + "\t" + subject + "\n";
    }

    private static void assertObject(JsonNode node, String file, int index, String kind, String subject, String pin) {
        assertThat(node.size()).isEqualTo(5);
        assertThat(node.get("file").isTextual()).isTrue();
        assertThat(node.get("file").asText()).isEqualTo(file);
        assertThat(node.get("index").isInt()).isTrue();
        assertThat(node.get("index").asInt()).isEqualTo(index);
        assertThat(node.get("kind").asText()).isEqualTo(kind);
        if (subject == null) {
            assertThat(node.get("subject").isNull()).isTrue();
        } else {
            assertThat(node.get("subject").asText()).isEqualTo(subject);
        }
        assertThat(node.get("pin").asText()).isEqualTo(pin);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
