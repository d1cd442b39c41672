package dev.pinkeeper.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.testing.Processes;
import dev.pinkeeper.testing.TestPki;

/** CSRs for other ACME clients: openssl verifies the signature, reads the SANs and the pinned key. */
class CertificateRequestsForOtherClientsTest {
    @TempDir
    Path dir;

    @Test
    void csrIsSignedByTheGivenKeyAndNamesEveryDomain() throws Exception {
        for (KeyPair key : List.of(TestPki.ecKey(), TestPki.rsaKey())) {
            Path csr = dir.resolve("request-" + key.getPublic().getAlgorithm() + ".pem");
            Files.writeString(csr, CertificateRequests.pem(CertificateRequests.create(List.of("example.org", "www.example.org"), key)));

            String text = Processes.ok(dir, "openssl req -in '" + csr + "' -noout -verify -text 2>&1");
            assertThat(text).contains("verify OK").contains("DNS:example.org, DNS:www.example.org")
                    .contains("CN = example.org");
            assertThat(Processes.opensslPin(csr, "csr")).isEqualTo(Pin.ofSpki(key.getPublic().getEncoded()).base64());
        }
    }
}
