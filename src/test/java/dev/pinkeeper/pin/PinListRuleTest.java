package dev.pinkeeper.pin;

import static dev.pinkeeper.pin.TestPins.A;
import static dev.pinkeeper.pin.TestPins.B;
import static dev.pinkeeper.pin.TestPins.C;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 7469 §2.5 and each browser's variant of it: which pin sets are noted for a chain. */
class PinListRuleTest {
    private static PkpHeader header(long maxAge, Pin... pins) {
        return new PkpHeader(false, maxAge, false, null, List.of(pins));
    }

    @ParameterizedTest
    @EnumSource(UserAgent.class)
    void aPinInTheChainAndABackupPinIsNoted(UserAgent ua) {
        assertThat(PinListRule.whyNotNoted(ua, header(60, A, B), List.of(A, C))).isNull();
    }

    @ParameterizedTest
    @EnumSource(UserAgent.class)
    void noPinInTheChainIsNotNoted(UserAgent ua) {
        assertThat(PinListRule.whyNotNoted(ua, header(60, B, C), List.of(A))).isEqualTo("no pin matches the validated chain");
    }

    @ParameterizedTest
    @EnumSource(UserAgent.class)
    void withoutABackupPinIsNotNoted(UserAgent ua) {
        assertThat(PinListRule.whyNotNoted(ua, header(60, A, B), List.of(A, B, C))).startsWith("no backup pin");
    }

    @Test
    void chromeWantsTwoPinsFirst() {
        assertThat(PinListRule.whyNotNoted(UserAgent.CHROME, header(60, B), List.of(A))).startsWith("fewer than two pins");
        // The RFC and Firefox have no count of their own: one pin cannot be both in and out of the chain.
        assertThat(PinListRule.whyNotNoted(UserAgent.RFC, header(60, B), List.of(A))).isEqualTo("no pin matches the validated chain");
        assertThat(PinListRule.whyNotNoted(UserAgent.FIREFOX, header(60, A), List.of(A))).startsWith("no backup pin");
    }

    @Test
    void chromeNeedsAChain() {
        assertThat(PinListRule.whyNotNoted(UserAgent.CHROME, header(60, A, B), List.of())).isEqualTo("the validated chain is empty");
    }

    @Test
    void maxAgeZeroIsARemovalThatFirefoxNotesWithoutCheckingPins() {
        PkpHeader forget = header(0, C);
        assertThat(PinListRule.forgetsPins(forget)).isTrue();
        assertThat(PinListRule.whyNotNoted(UserAgent.FIREFOX, forget, List.of(A))).isNull();
        assertThat(PinListRule.whyNotNoted(UserAgent.CHROME, forget, List.of(A))).isNotNull();
        assertThat(PinListRule.whyNotNoted(UserAgent.RFC, forget, List.of(A))).isNotNull();
        assertThat(PinListRule.whyNotNoted(UserAgent.CHROME, header(0, A, B), List.of(A))).isNull();
    }

    @Test
    void reportOnlyIsCheckedAsTheHeaderItRehearsesExceptByFirefox() {
        PkpHeader reportOnly = new PkpHeader(true, null, false, "https://r.example/", List.of(A, B));
        assertThat(PinListRule.forgetsPins(reportOnly)).isFalse();
        assertThat(PinListRule.whyNotNoted(UserAgent.CHROME, reportOnly, List.of(A))).isNull();
        assertThat(PinListRule.whyNotNoted(UserAgent.RFC, reportOnly, List.of(C))).isEqualTo("no pin matches the validated chain");
        assertThat(PinListRule.whyNotNoted(UserAgent.FIREFOX, reportOnly, List.of(A))).contains("Report-Only");
    }

    @Test
    void noHeaderIsNeverNoted() {
        assertThat(PinListRule.whyNotNoted(UserAgent.RFC, null, List.of(A))).isNotNull();
    }
}
