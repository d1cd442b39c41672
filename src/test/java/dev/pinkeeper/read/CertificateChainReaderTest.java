package dev.pinkeeper.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TestPki.Cert;

class CertificateChainReaderTest {
    private static final Cert ROOT = TestPki.root("Reader Root");
    private static final Cert LEAF = TestPki.leaf(ROOT, "reader.example.test");

    private static List<X509Certificate> read(byte[] bytes) throws UnreadableInputException {
        return CertificateChainReader.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void readsPemBlocksInOrderEvenWithTextAroundThem() throws Exception {
        String text = "subject=CN = reader.example.test\n" + LEAF.pem() + "\n 1 s:CN = Reader Root\n" + ROOT.pem();

        List<X509Certificate> chain = read(text.getBytes(StandardCharsets.US_ASCII));

        assertThat(chain).containsExactly(LEAF.certificate(), ROOT.certificate());
    }

    @Test
    void readsOneDerCertificate() throws Exception {
        assertThat(read(LEAF.certificate().getEncoded())).containsExactly(LEAF.certificate());
    }

    @Test
    void refusesEmptyGarbageAndKeysWithOneLineReasons() {
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(UnreadableInputException.class)
                .hasMessage("empty input");
        assertThatThrownBy(() -> read("hello\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(UnreadableInputException.class).hasMessageNotContaining("\n");
        String truncated = LEAF.pem().substring(0, LEAF.pem().length() / 2);
        assertThatThrownBy(() -> read(truncated.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(UnreadableInputException.class).hasMessageNotContaining("Exception");
    }
}
