package dev.pinkeeper.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.testing.TestPki;

/** CSRs for other ACME clients: openssl verifies the signature, reads the SANs and the pinned key. */
class CertificateRequestsTest {
    @TempDir
    Path dir;

    @Test
    void csrIsSignedByTheGivenKeyAndNamesEveryDomain() throws Exception {
        for (KeyPair key : List.of(TestPki.ecKey(), TestPki.rsaKey())) {
            Path csr = dir.resolve("request-" + key.getPublic().getAlgorithm() + ".pem");
            Files.writeString(csr, CertificateRequests.pem(key, List.of("Example.ORG.", "www.example.org")));

            String text = IssuerTest.run("openssl", "req", "-in", csr.toString(), "-noout", "-verify", "-text");
            assertThat(text).contains("verify OK").contains("DNS:example.org, DNS:www.example.org")
                    .contains("CN = example.org");
            String opensslPin = IssuerTest.run("sh", "-c", "openssl req -in " + csr
                    + " -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256 -binary | openssl base64")
                    .strip();
            assertThat(opensslPin).isEqualTo(Pin.ofSpki(key.getPublic().getEncoded()).base64());
        }
    }
}
