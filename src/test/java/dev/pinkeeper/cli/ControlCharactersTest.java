package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinkeeper.testing.PinkeeperProcess;
import dev.pinkeeper.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import dev.pinkeeper.files.Pem;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control characters from any input (an option, a file name, a certificate subject) never reach the
 * terminal raw: real processes, their stdout and stderr read as bytes. An OSC sequence could retitle
 * the terminal or worse; a C1 CSI or a bidi override could hide or reorder a message.
 */
class ControlCharactersTest {
    private static final String HOSTILE = "a\u001b]0;pwned\u0007b\u009b2J\u202eevil";

    @TempDir
    Path dir;

    @Test
    void anErrorEchoingAnOptionIsEscaped() {
        PinkeeperProcess.Result result = PinkeeperProcess.run(dir, "plan", "show", "--site", HOSTILE,
                "--state", dir.resolve("state").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertRaw(result.stderr());
        assertThat(result.stderrLines()).singleElement().asString().contains("a\\u001b]0;pwned\\u0007b");
    }

    @Test
    void aParseErrorEchoingAnUnknownOptionIsEscaped() {
        PinkeeperProcess.Result result = PinkeeperProcess.run(dir, "keys", "list", "--" + HOSTILE);
        assertThat(result.exitCode()).isEqualTo(2);
        assertRaw(result.stderr());
        assertThat(result.stderr()).contains("\\u001b");
    }

    @Test
    void aRenderingEchoingAFileNameAndACertificateSubjectIsEscapedAndJsonStaysExact() throws Exception {
        Path file = Files.writeString(dir.resolve("cert" + HOSTILE + ".pem"), Pem.certificate(selfSigned("CA " + HOSTILE)));
        PinkeeperProcess.Result text = PinkeeperProcess.run(dir, "pin", file.getFileName().toString());
        assertThat(text.exitCode()).as(text.stderr()).isZero();
        assertRaw(text.stdout());
        assertThat(text.stdout()).contains("cert" + "a\\u001b]0;pwned\\u0007b").contains("CN=CA a\\u001b]0");

        PinkeeperProcess.Result json = PinkeeperProcess.run(dir, "pin", "--json", file.getFileName().toString());
        assertRaw(json.stdout());
        JsonNode pins = new ObjectMapper().readTree(json.stdout());
        assertThat(pins.get(0).path("file").asText()).as("JSON carries the name exactly")
                .isEqualTo(file.getFileName().toString());
    }

    @Test
    void theStreamEscapesC0C1AndBidiControlsEvenWhenSplitAcrossWrites() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        EscapingOutputStream out = new EscapingOutputStream(sink, true);
        byte[] text = ("ok\tline\n" + HOSTILE + " é €\r").getBytes(StandardCharsets.UTF_8);
        for (byte b : text) { // one byte at a time: every multi-byte sequence is split
            out.write(b);
        }
        out.flush();
        assertThat(sink.toString(StandardCharsets.UTF_8))
                .isEqualTo("ok\tline\na\\u001b]0;pwned\\u0007b\\u009b2J\\u202eevil é €\\u000d");
    }

    /** A certificate whose subject's CN is {@code commonName} as a UTF8String, control characters included. */
    private static X509Certificate selfSigned(String commonName) throws Exception {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, new DERUTF8String(commonName)).build();
        KeyPair keys = TestPki.ecKey();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), name,
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    /** No C0 control but tab and line feed, no DEL, no C1 control, no bidi override. */
    private static void assertRaw(String output) {
        assertThat(output.codePoints().filter(c -> c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c <= 0x9f
                || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069)).as(output).isEmpty();
    }
}
