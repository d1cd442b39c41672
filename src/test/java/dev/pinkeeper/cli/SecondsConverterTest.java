package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine.TypeConversionException;

/** {@code --max-age}: seconds, or a number with a unit. */
class SecondsConverterTest {
    private final HeaderOptionConverters.SecondsConverter converter = new HeaderOptionConverters.SecondsConverter();

    @ParameterizedTest
    @CsvSource({"0,0", "300,300", "45s,45", "5m,300", "12h,43200", "1d,86400", "30d,2592000", "60d,5184000", "2w,1209600", "7D,604800"})
    void readsUnits(String text, long seconds) {
        assertThat(converter.convert(text)).isEqualTo(seconds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "1.5d", "d", "5 minutes", "1y", "999999999999999999w", "0x10"})
    void rejectsOthers(String text) {
        assertThatThrownBy(() -> converter.convert(text)).isInstanceOf(TypeConversionException.class);
    }
}
