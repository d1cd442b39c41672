package dev.pinkeeper.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader's edges: PEM layout variations it must accept, and malformed, hostile or huge
 * inputs it must refuse with an {@link UnreadableInputException} — never another exception.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyMaterialReaderRobustnessTest {
    private String certificatePem;
    private String pin;
    private byte[] certificateDer;

    @BeforeAll
    void makeCertificate(@TempDir Path dir) {
        OpenSsl openssl = new OpenSsl(dir);
        Path key = openssl.key("key.pem", "ec:P-256");
        Path cert = openssl.selfSigned(key, "cert.pem", "/CN=robust");
        certificatePem = new String(openssl.openssl("x509", "-in", cert.toString()), StandardCharsets.US_ASCII);
        certificateDer = openssl.openssl("x509", "-in", cert.toString(), "-outform", "DER");
        pin = openssl.pinOfCertificate(cert);
    }

    @Test
    void acceptsCrlfIndentationOneLineBase64AndTextAround() throws Exception {
        String body = Base64.getEncoder().encodeToString(certificateDer);
        String oneLine = "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        String crlf = certificatePem.replace("\n", "\r\n");
        String blanks = certificatePem.replace("\n", "  \t\n");
        String noFinalNewline = certificatePem.strip();
        String text = "subject=CN=robust\nissuer=CN=robust\n" + certificatePem + "trailing words\n";

        for (String pem : List.of(oneLine, crlf, blanks, noFinalNewline, text)) {
            assertThat(pins(pem.getBytes(StandardCharsets.US_ASCII))).containsExactly(pin);
        }
    }

    @Test
    void refusesMalformedPem() {
        String body = certificatePem.substring(certificatePem.indexOf('\n') + 1, certificatePem.indexOf("-----END"));
        assertUnreadable(certificatePem.replace("-----END CERTIFICATE-----", "-----END PUBLIC KEY-----"), "ends with");
        assertUnreadable("-----BEGIN CERTIFICATE-----\n" + body + certificatePem, "no END line");
        assertUnreadable(certificatePem.replace("-----END CERTIFICATE-----", ""), "no END line");
        assertUnreadable("-----BEGIN CERTIFICATE-----\n" + body.replaceFirst("[A-Za-z]", "*")
                + "-----END CERTIFICATE-----\n", "base64");
        assertUnreadable("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "CERTIFICATE");
        assertUnreadable("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", "CERTIFICATE");
        assertUnreadable("-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n", "no certificate, key or CSR");
        assertUnreadable("just text\n", "no PEM block");
    }

    @Test
    void refusesHugeBlocksAndLinesWithinBoundedMemory() {
        byte[] longLine = new byte[3 << 20];
        Arrays.fill(longLine, (byte) 'A');
        String huge = "-----BEGIN CERTIFICATE-----\n" + new String(longLine, StandardCharsets.US_ASCII)
                + "\n-----END CERTIFICATE-----\n";
        assertUnreadable(huge, "longer than");
        StringBuilder manyLines = new StringBuilder("-----BEGIN CERTIFICATE-----\n");
        for (int i = 0; i < 30_000; i++) {
            manyLines.append("A".repeat(64)).append('\n');
        }
        assertUnreadable(manyLines.append("-----END CERTIFICATE-----\n").toString(), "longer than");
        // a very long line of text outside any block is skipped, not stored
        byte[] text = new byte[5 << 20];
        Arrays.fill(text, (byte) 'x');
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(text);
        input.writeBytes(("\n" + certificatePem).getBytes(StandardCharsets.US_ASCII));
        assertThat(pinsUnchecked(input.toByteArray())).containsExactly(pin);
    }

    @Test
    void refusesDeeplyNestedAsn1InDerAndPem() {
        byte[] deep = nestedSequences(300_000);
        assertThatThrownBy(() -> pins(deep)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("nested too deeply");
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(nestedSequences(200_000))
                + "\n-----END PRIVATE KEY-----\n";
        assertUnreadable(pem, "nested too deeply");
    }

    @Test
    void refusesDerThatIsTruncatedTrailedOrTooLarge() {
        assertThatThrownBy(() -> pins(Arrays.copyOf(certificateDer, certificateDer.length - 1)))
                .isInstanceOf(UnreadableInputException.class);
        byte[] trailing = Arrays.copyOf(certificateDer, certificateDer.length + 1);
        assertThatThrownBy(() -> pins(trailing)).isInstanceOf(UnreadableInputException.class);
        byte[] tooLarge = new byte[KeyMaterialReader.MAX_DER_BYTES + 10];
        tooLarge[0] = 0x30;
        assertThatThrownBy(() -> pins(tooLarge)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("larger than");
        assertThatThrownBy(() -> pins(new byte[] {0x30})).isInstanceOf(UnreadableInputException.class);
        assertThatThrownBy(() -> pins(new byte[0])).isInstanceOf(UnreadableInputException.class)
                .hasMessage("empty input");
    }

    @Test
    void objectsBeforeAMalformedBlockAreStillDelivered() {
        List<String> seen = new ArrayList<>();
        byte[] input = (certificatePem + certificatePem.replace("-----END CERTIFICATE-----", ""))
                .getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new KeyMaterialReader(null).read(new ByteArrayInputStream(input),
                m -> seen.add(m.pin().base64()))).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("PEM block 2");
        assertThat(seen).containsExactly(pin);
    }

    private static byte[] nestedSequences(int depth) {
        // SEQUENCE { SEQUENCE { ... NULL } } with definite lengths: headers from the inside out
        List<byte[]> headers = new ArrayList<>();
        int length = 2;
        for (int i = 0; i < depth && length < 900_000; i++) {
            byte[] header = length < 128 ? new byte[] {0x30, (byte) length}
                    : length < 256 ? new byte[] {0x30, (byte) 0x81, (byte) length}
                    : length < 65536 ? new byte[] {0x30, (byte) 0x82, (byte) (length >> 8), (byte) length}
                    : new byte[] {0x30, (byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
            headers.add(header);
            length += header.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        for (int i = headers.size() - 1; i >= 0; i--) {
            out.writeBytes(headers.get(i));
        }
        out.write(0x05);
        out.write(0x00);
        return out.toByteArray();
    }

    private void assertUnreadable(String input, String messagePart) {
        assertThatThrownBy(() -> pins(input.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining(messagePart)
                .extracting(Throwable::getMessage).asString().doesNotContain("\n");
    }

    private static List<String> pinsUnchecked(byte[] input) {
        try {
            return pins(input);
        } catch (UnreadableInputException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> pins(byte[] input) throws UnreadableInputException {
        List<String> pins = new ArrayList<>();
        InputStream in = new ByteArrayInputStream(input);
        new KeyMaterialReader(null).read(in, m -> pins.add(m.pin().base64()));
        return pins;
    }
}
