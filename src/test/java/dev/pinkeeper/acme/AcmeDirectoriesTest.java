package dev.pinkeeper.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Named ACME directories and the External Account Binding value: what a user types and what is kept secret. */
class AcmeDirectoriesTest {
    @Test
    void namedCasResolveAndThoseRequiringABindingAreKnown() {
        assertThat(AcmeDirectories.resolve("ZeroSSL")).isEqualTo(URI.create("https://acme.zerossl.com/v2/DV90"));
        assertThat(AcmeDirectories.resolve("google")).isEqualTo(URI.create("https://dv.acme-v02.api.pki.goog/directory"));
        assertThat(AcmeDirectories.resolve("google-staging"))
                .isEqualTo(URI.create("https://dv.acme-v02.test-api.pki.goog/directory"));
        assertThat(AcmeDirectories.resolve("sslcom")).isEqualTo(URI.create("https://acme.ssl.com/sslcom-dv-ecc"));
        assertThat(AcmeDirectories.resolve("sslcom-rsa")).isEqualTo(URI.create("https://acme.ssl.com/sslcom-dv-rsa"));
        assertThat(AcmeDirectories.resolve("letsencrypt-staging"))
                .isEqualTo(URI.create("https://acme-staging-v02.api.letsencrypt.org/directory"));
        for (String name : new String[] {"zerossl", "google", "google-staging", "sslcom", "sslcom-rsa"}) {
            assertThat(AcmeDirectories.requiresBinding(AcmeDirectories.resolve(name))).as(name).isTrue();
        }
        assertThat(AcmeDirectories.requiresBinding(AcmeDirectories.LETSENCRYPT)).isFalse();
        assertThat(AcmeDirectories.requiresBinding(AcmeDirectories.LETSENCRYPT_STAGING)).isFalse();
        assertThatThrownBy(() -> AcmeDirectories.resolve("buypass")).hasMessageContaining("zerossl");
    }

    @Test
    void aBindingReadsBase64urlOrBase64AndNeverShowsItsKey() {
        String key = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";
        AccountBinding binding = AccountBinding.of("kid-1", " " + key + "\n");
        assertThat(binding.encodedMacKey()).isEqualTo(key);
        assertThat(binding.macKey()).hasSize(48);
        assertThat(AccountBinding.of("kid-1", key.replace('-', '+').replace('_', '/'))).isEqualTo(binding);
        assertThat(binding.toString()).contains("kid-1").doesNotContain(key);
        assertThatThrownBy(() -> AccountBinding.of("kid 1", key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountBinding.of("kid-1", "c2hvcnQ")).hasMessageContaining("shorter");
        assertThatThrownBy(() -> AccountBinding.of("kid-1", "not!base64")).hasMessageContaining("base64url")
                .hasMessageNotContaining("not!base64");
    }
}
