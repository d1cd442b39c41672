package dev.pinkeeper.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one reading of the durations users give (options, the settings file) and their wording in messages. */
class DurationsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"0, 0", "300, 300", "45s, 45", "5m, 300", "12h, 43200", "30d, 2592000", "2w, 1209600", "7D, 604800"})
    void readsDurations(String text, long seconds) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "1.5d", "d", "5 minutes", "1y", "0x10", "1234567890123456789"})
    void refusesOtherDurations(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration");
    }

    @Test
    void refusesADurationTooLongToCount() {
        assertThatThrownBy(() -> Durations.parse("999999999999999999w")).hasMessageContaining("is too long a duration");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0, 0 seconds", "1, 1 second", "90061, 1 day 1 hour", "5184000, 60 days"})
    void writesTheLargestTwoUnits(long seconds, String text) {
        assertThat(Durations.human(seconds)).isEqualTo(text);
    }
}
