package dev.pinkeeper.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.pin.Pin;

class CaCatalogueTest {
    private static final String LE = "/dev/pinkeeper/catalogue/letsencrypt/";

    private final CaCatalogue catalogue = CaCatalogue.bundled();

    @Test
    void letsEncryptR11MatchesTheOpensslPipelineOnTheStoredPem(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("r11.pem");
        try (InputStream in = getClass().getResourceAsStream(LE + "r11.pem")) {
            Files.copy(in, pem);
        }
        Process openssl = new ProcessBuilder("bash", "-c", "openssl x509 -in '" + pem + "' -pubkey -noout"
                + " | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64")
                .redirectErrorStream(true).start();
        String expected = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assumeThat(openssl.exitValue()).as("openssl runs here").isZero();

        List<CaKey> keys = catalogue.lookup(Pin.parse(expected));

        assertThat(keys).extracting(CaKey::name).containsExactly("Let's Encrypt R11");
        assertThat(keys.get(0).role()).isEqualTo(CaRole.INTERMEDIATE);
        assertThat(keys.get(0).describe()).isEqualTo("Let's Encrypt R11 (intermediate)");
        assertThat(catalogue.operator(Pin.parse(expected))).contains(keys.get(0).operator());
    }

    @Test
    void aPinTheCatalogueDoesNotKnowHasNoOperator() {
        CaCatalogue one = CaCatalogue.of(List.of(new CaKey("Example R1", CaRole.INTERMEDIATE, "Example CA",
                Pin.parse("pin-sha256=\"" + "A".repeat(43) + "=\""), "")));
        assertThat(one.operator(Pin.parse("A".repeat(43) + "="))).contains("Example CA");
        assertThat(one.operator(Pin.parse("B".repeat(43) + "="))).isEmpty();
    }

    @Test
    void everyStoredLetsEncryptCertificateIsCataloguedUnderItsManifestName() throws Exception {
        List<String> manifest;
        try (InputStream in = getClass().getResourceAsStream(LE + "MANIFEST.tsv")) {
            manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
        assertThat(manifest).hasSizeGreaterThanOrEqualTo(25);
        for (String line : manifest) {
            String[] fields = line.split("\t");
            X509Certificate certificate;
            try (InputStream in = getClass().getResourceAsStream(LE + fields[0])) {
                certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
            Pin pin = Pin.parse(Base64.getEncoder().encodeToString(digest));

            assertThat(catalogue.lookup(pin)).as(fields[0]).extracting(CaKey::name).contains(fields[1]);
            assertThat(catalogue.lookup(pin)).as(fields[0]).extracting(CaKey::role).contains(CaRole.of(fields[2]));
        }
    }

    @Test
    void aKeyCertifiedTwiceCarriesBothNames() throws Exception {
        Pin x3 = Pin.parse("YLh1dUR9y6Kja30RrAn7JKnbQG/uEtLMkBgFF2Fuihg=");  // widely published X3 pin

        assertThat(catalogue.lookup(x3)).extracting(CaKey::name)
                .containsExactlyInAnyOrder("Let's Encrypt Authority X1", "Let's Encrypt Authority X3");
    }

    @Test
    void theTrustStoreRootsAreThereAndUnknownPinsAreNot() {
        byte[] zero = new byte[32];

        assertThat(catalogue.size()).isGreaterThan(100);
        assertThat(catalogue.keys()).filteredOn(k -> k.role() == CaRole.ROOT).hasSizeGreaterThan(100);
        assertThat(catalogue.lookup(Pin.ofDigest(zero))).isEmpty();
    }

    @Test
    void malformedCatalogueLinesAreRefusedWithTheLineNumber() {
        String text = "# comment\nnot-a-pin\troot\tX\tY\tZ\n";

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> CaCatalogue.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2");
    }
}
