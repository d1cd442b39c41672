package dev.pinkeeper.lifecycle;

import dev.pinkeeper.site.SiteLayout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinkeeper.acme.Issuer;
import dev.pinkeeper.acme.RateLimitedException;
import dev.pinkeeper.acme.RenewalWindow;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FakeAcmeDirectory;
import dev.pinkeeper.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACME Renewal Information (RFC 9773) as a site uses it, against {@link FakeAcmeDirectory} (pebble 2.4
 * has no ARI): the CA's window decides, it is asked for again only once the Retry-After it came with has
 * passed, and a renewal order from the CA that gave it names the certificate it {@code replaces}.
 */
class RenewalInformationTest {
    private static final String SITE = "ari";

    @TempDir
    Path dir;

    @Test
    void theWindowIsKeptUntilItsRetryAfterAndTheRenewalOrderSaysWhatItReplaces() throws Exception {
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plus(2, ChronoUnit.DAYS);
        try (FakeAcmeDirectory ca = FakeAcmeDirectory.start(List.of(), 600,
                new FakeAcmeDirectory.RenewalInfo(start, end, 21_600))) {
            Path state = dir.resolve("state");
            Cli.initSite(state, SITE, "ari.pinkeeper.test");
            KeyInventory inventory = new KeyInventory(new StateDirectory(state));
            SiteLayout paths = inventory.layout(SITE);
            KeyEntry key = inventory.load(SITE).current().get(0);
            X509Certificate leaf = TestPki.leaf(TestPki.root("ARI Test CA"), "ari.pinkeeper.test").certificate();
            Files.createDirectories(paths.certificate(key.id()).getParent());
            Files.writeString(paths.certificate(key.id()), TestPki.pem(leaf));
            new CertificateRecord("primary", SiteIssuer.serial(leaf), null, null, null).write(paths, key.id());
            AcmeSettings settings = new AcmeSettings(new CaSettings(ca.directoryUrl().toString(), null, null), null,
                    "http-01", Files.createDirectories(dir.resolve("www")).toString(), null, null, null, List.of());
            Issuer issuer = SiteIssuer.issuer(settings, "primary", paths);

            Instant asked = Instant.now();
            RenewalWindow window = SiteIssuer.window(paths, issuer, key.id(), leaf);
            assertThat(window.source()).isEqualTo(RenewalWindow.Source.ARI);
            assertThat(window.start()).isEqualTo(start);
            assertThat(window.end()).isEqualTo(end);
            assertThat(window.retryAfter()).isBetween(asked.plusSeconds(21_600 - 5), Instant.now().plusSeconds(21_600 + 5));
            assertThat(ca.renewalInfoRequests()).hasSize(1);
            String certId = Base64.getUrlEncoder().withoutPadding().encodeToString(akiOf(leaf)) + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(leaf.getSerialNumber().toByteArray());
            assertThat(ca.renewalInfoRequests().get(0).path()).isEqualTo("/renewal-info/" + certId);

            // before its Retry-After, the kept window answers: the CA is not asked again
            assertThat(SiteIssuer.window(paths, SiteIssuer.issuer(settings, "primary", paths), key.id(), leaf))
                    .isEqualTo(window);
            assertThat(ca.renewalInfoRequests()).hasSize(1);

            // the renewal order names the certificate it replaces (the CA answers it with a rate limit here)
            assertThatThrownBy(() -> new SiteIssuer(inventory).issue(SITE, "primary", List.of(key), settings))
                    .isInstanceOf(RateLimitedException.class);
            assertThat(ca.orders()).hasSize(1);
            assertThat(ca.orders().get(0).payload()).contains("\"replaces\":\"" + certId + "\"");

            // once the Retry-After has passed, the CA is asked again
            CertificateRecord kept = CertificateRecord.read(paths, key.id());
            new CertificateRecord(kept.ca(), kept.serial(), kept.ariStart(), kept.ariEnd(), Instant.now().minusSeconds(1))
                    .write(paths, key.id());
            SiteIssuer.window(paths, SiteIssuer.issuer(settings, "primary", paths), key.id(), leaf);
            assertThat(ca.renewalInfoRequests()).hasSize(2);
        }
    }

    private static byte[] akiOf(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getKeyIdentifier();
    }
}
