package dev.pinkeeper.pin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TestPki.Cert;

class ChainValidatorTest {
    private static final Cert ROOT = TestPki.root("Validator Root");
    private static final Cert INTERMEDIATE = TestPki.intermediate("Validator CA", ROOT);
    private static final Cert LEAF = TestPki.leaf(INTERMEDIATE, "www.example.test", "*.api.example.test");
    private static final Cert OTHER_ROOT = TestPki.root("Unrelated Root");
    private static final Instant NOW = Instant.now();

    private final ChainValidator validator = new ChainValidator(List.of(ROOT.certificate()));

    private static List<X509Certificate> served(Cert... certs) {
        return java.util.Arrays.stream(certs).map(Cert::certificate).toList();
    }

    private static List<Pin> pinsOf(List<ChainCertificate> chain) {
        return chain.stream().map(ChainCertificate::pin).toList();
    }

    @Test
    void theAnchorNeedNotBeServedAndEndsTheValidatedChain() {
        PinValidation v = validator.check(served(LEAF, INTERMEDIATE), Set.of(ROOT.pin()), Set.of(), null, NOW);

        assertThat(v.accepted()).isTrue();
        assertThat(pinsOf(v.validatedChain())).containsExactly(LEAF.pin(), INTERMEDIATE.pin(), ROOT.pin());
        assertThat(pinsOf(v.servedChain())).containsExactly(LEAF.pin(), INTERMEDIATE.pin());
        assertThat(v.reason()).contains("trust anchor").contains(ROOT.pin().base64());
    }

    @Test
    void misorderedAndSuperfluousServedCertificatesAreIgnored() {
        PinValidation v = validator.check(served(LEAF, OTHER_ROOT, ROOT, INTERMEDIATE),
                Set.of(INTERMEDIATE.pin()), Set.of(), null, NOW);

        assertThat(v.accepted()).isTrue();
        assertThat(pinsOf(v.validatedChain())).containsExactly(LEAF.pin(), INTERMEDIATE.pin(), ROOT.pin());
        assertThat(v.servedChain()).hasSize(4);
        assertThat(v.validatedChain().get(1).pinned()).isTrue();
        assertThat(v.validatedChain().get(0).pinned()).isFalse();
    }

    @Test
    void aPinOnTheLeafIsAccepted() {
        PinValidation v = validator.check(served(LEAF, INTERMEDIATE), Set.of(LEAF.pin()), Set.of(), null, NOW);

        assertThat(v.accepted()).isTrue();
        assertThat(v.reason()).contains("leaf");
    }

    @Test
    void noMatchingPinIsRefusedAndEveryPinIsABackup() {
        Pin elsewhere = TestPki.root("Elsewhere").pin();
        Pin other = OTHER_ROOT.pin();
        PinValidation v = validator.check(served(LEAF, INTERMEDIATE), List.of(elsewhere, other), Set.of(), null, NOW);

        assertThat(v.accepted()).isFalse();
        assertThat(v.chainValid()).isTrue();
        assertThat(v.reason()).contains("no pin matches");
        assertThat(v.backupPins()).containsExactly(elsewhere, other);
    }

    @Test
    void backupPinsAreThoseOutsideTheValidatedChain() {
        Pin backup = Pin.ofSpki(TestPki.ecKeyPair().getPublic().getEncoded());
        PinValidation v = validator.check(served(LEAF, INTERMEDIATE), List.of(INTERMEDIATE.pin(), backup, LEAF.pin()),
                Set.of(), null, NOW);

        assertThat(v.accepted()).isTrue();
        assertThat(v.backupPins()).containsExactly(backup);
    }

    @Test
    void anExcludedKeyInTheValidatedChainFailsEvenWhenAnotherIsPinned() {
        PinValidation v = validator.check(served(LEAF, INTERMEDIATE), Set.of(LEAF.pin()),
                Set.of(INTERMEDIATE.pin()), null, NOW);

        assertThat(v.accepted()).isFalse();
        assertThat(v.reason()).contains("excluded").contains(INTERMEDIATE.pin().base64());
    }

    @Test
    void anExcludedKeyOnlyServedButNotValidatedDoesNotMatter() {
        PinValidation v = validator.check(served(LEAF, OTHER_ROOT, INTERMEDIATE), Set.of(LEAF.pin()),
                Set.of(OTHER_ROOT.pin()), null, NOW);

        assertThat(v.accepted()).isTrue();
    }

    @Test
    void anExpiredLeafAtTheGivenTimeDoesNotValidate() {
        Instant later = LEAF.certificate().getNotAfter().toInstant().plus(Duration.ofDays(1));
        PinValidation v = validator.check(served(LEAF, INTERMEDIATE), Set.of(LEAF.pin()), Set.of(), null, later);

        assertThat(v.accepted()).isFalse();
        assertThat(v.chainValid()).isFalse();
        assertThat(v.validatedChain()).isEmpty();
        assertThat(v.reason()).contains("does not validate").contains("expired").contains("www.example.test");
    }

    @Test
    void aLeafBeforeItsValidityDoesNotValidate() {
        Instant earlier = LEAF.certificate().getNotBefore().toInstant().minus(Duration.ofDays(1));
        PinValidation v = validator.check(served(LEAF, INTERMEDIATE), Set.of(LEAF.pin()), Set.of(), null, earlier);

        assertThat(v.accepted()).isFalse();
        assertThat(v.reason()).contains("not valid before");
    }

    @Test
    void anExpiredIntermediateIsNamed() {
        Instant now = Instant.now();
        Cert old = TestPki.builder("Old CA").ca().issuer(ROOT)
                .validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(10))).issue();
        Cert leaf = TestPki.builder("old.example.test").issuer(old).dns("old.example.test")
                .validity(now.minus(Duration.ofDays(20)), now.plus(Duration.ofDays(20))).issue();

        PinValidation v = validator.check(served(leaf, old), Set.of(ROOT.pin()), Set.of(), null, now);

        assertThat(v.accepted()).isFalse();
        assertThat(v.reason()).contains("Old CA").contains("expired");
    }

    @Test
    void anUntrustedChainDoesNotValidate() {
        Cert foreign = TestPki.intermediate("Foreign CA", OTHER_ROOT);
        Cert leaf = TestPki.leaf(foreign, "www.example.test");

        PinValidation v = validator.check(served(leaf, foreign, OTHER_ROOT), Set.of(OTHER_ROOT.pin()), Set.of(),
                null, NOW);

        assertThat(v.accepted()).isFalse();
        assertThat(v.reason()).contains("no path").contains("Foreign CA");
    }

    @Test
    void theLeafMustNameTheHost() {
        PinValidation wrong = validator.check(served(LEAF, INTERMEDIATE), Set.of(LEAF.pin()), Set.of(),
                "mail.example.test", NOW);
        PinValidation right = validator.check(served(LEAF, INTERMEDIATE), Set.of(LEAF.pin()), Set.of(),
                "WWW.Example.Test.", NOW);
        PinValidation wildcard = validator.check(served(LEAF, INTERMEDIATE), Set.of(LEAF.pin()), Set.of(),
                "v1.api.example.test", NOW);

        assertThat(wrong.accepted()).isFalse();
        assertThat(wrong.reason()).contains("not valid for mail.example.test").contains("www.example.test");
        assertThat(right.accepted()).isTrue();
        assertThat(wildcard.accepted()).isTrue();
    }

    @Test
    void aClientCertificateIsNotAServerLeaf() {
        Cert client = TestPki.builder("client.example.test").issuer(INTERMEDIATE).dns("client.example.test")
                .clientAuthOnly().issue();

        PinValidation v = validator.check(served(client, INTERMEDIATE), Set.of(ROOT.pin()), Set.of(), null, NOW);

        assertThat(v.accepted()).isFalse();
        assertThat(v.reason()).contains("serverAuth");
    }

    @Test
    void theJdkTrustStoreValidatesLetsEncryptR11ToIsrgRootX1() throws Exception {
        X509Certificate r11;
        try (InputStream in = getClass().getResourceAsStream("/dev/pinkeeper/catalogue/letsencrypt/r11.pem")) {
            r11 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        X509Certificate isrgX1;
        try (InputStream in = getClass().getResourceAsStream("/dev/pinkeeper/catalogue/letsencrypt/isrg-root-x1.pem")) {
            isrgX1 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        Pin rootPin = Pin.ofSpki(isrgX1.getPublicKey().getEncoded());

        PinValidation v = ChainValidator.withJdkTrustStore()
                .check(List.of(r11), Set.of(rootPin), Set.of(), null, Instant.parse("2025-06-01T00:00:00Z"));

        assertThat(v.accepted()).as(v.reason()).isTrue();
        assertThat(v.validatedChain()).hasSize(2);
        assertThat(v.validatedChain().get(1).subject()).contains("ISRG Root X1");
    }
}
