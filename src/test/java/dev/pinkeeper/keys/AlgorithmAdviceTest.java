package dev.pinkeeper.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The advice about a choice of key algorithms: keys no ACME CA certifies, backups of one family. */
class AlgorithmAdviceTest {
    @Test
    void theDefaultChoiceNeedsNoAdvice() {
        assertThat(AlgorithmAdvice.forNewSite(List.of(KeyAlgorithm.EC_P256), List.of(KeyAlgorithm.RSA_3072,
                KeyAlgorithm.EC_P256))).isEmpty();
        assertThat(AlgorithmAdvice.forAddedKey(KeyAlgorithm.RSA_3072, KeyAlgorithm.RSA_3072)).isEmpty();
    }

    @Test
    void backupsOfOneFamilyAndKeysNoAcmeCaCertifiesAreSaid() {
        assertThat(AlgorithmAdvice.forNewSite(List.of(KeyAlgorithm.ED25519), List.of(KeyAlgorithm.EC_P256,
                KeyAlgorithm.EC_P384))).containsExactly(
                "current key ed25519: ACME CAs issue certificates for RSA and EC keys only",
                "all backup keys are of one family; one RSA and one EC backup survive a CA or client dropping either");
        assertThat(AlgorithmAdvice.forAddedKey(KeyAlgorithm.EC_P256, KeyAlgorithm.ED25519))
                .containsExactly("next key ed25519: ACME CAs issue certificates for RSA and EC keys only");
    }
}
