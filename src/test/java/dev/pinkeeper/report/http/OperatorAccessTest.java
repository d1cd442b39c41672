package dev.pinkeeper.report.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link OperatorAccess#exposed()}: the operator endpoints open to whoever reaches a non-loopback address. */
class OperatorAccessTest {
    @Test
    void onlyAnUnguardedNonLoopbackAddressIsExposed() {
        assertThat(OperatorAccess.loopback(0).exposed()).isFalse();
        assertThat(new OperatorAccess("::1", 0, null).exposed()).isFalse();
        assertThat(new OperatorAccess("localhost", 0, null).exposed()).isFalse();
        assertThat(OperatorAccess.disabled().exposed()).isFalse();
        assertThat(new OperatorAccess("0.0.0.0", 0, null).exposed()).isTrue();
        assertThat(new OperatorAccess("192.0.2.10", 0, null).exposed()).isTrue();
        assertThat(new OperatorAccess("192.0.2.10", 0, OperatorToken.of("x".repeat(OperatorToken.MIN_LENGTH)))
                .exposed()).isFalse();
    }
}
