package dev.pinkeeper.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.pin.Pin;

/** {@link ExpectedPinsText}: the first field of each line, comments and blank lines skipped, errors by line. */
class ExpectedPinsTextTest {
    private static final String A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String B = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void readsTheFirstFieldOfEachLineAsPinkeeperPinPrintsIt() {
        String text = "# the plan's pins\r\n\npin-sha256=\"" + A + "\"\tleaf.pem#0\tcertificate\tCN=x\n  " + B + "  backup\n";
        assertThat(ExpectedPinsText.parse(text)).containsExactly(Pin.parse(A), Pin.parse(B));
        assertThat(ExpectedPinsText.parse("# nothing\n\n")).isEmpty();
    }

    @Test
    void aLineThatIsNotAPinIsNamedByItsNumber() {
        assertThatThrownBy(() -> ExpectedPinsText.parse(A + "\n# comment\nnot-a-pin\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("3: ");
    }
}
