package dev.pinkeeper.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one reading of the times users give (options, the dashboard query). */
class GivenTimesTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2027-01-31T12:00:00Z,      2027-01-31T12:00:00Z",
        "2027-01-31T14:00:00+02:00, 2027-01-31T12:00:00Z",
        "2027-01-31T12:00:00,       2027-01-31T12:00:00Z",
        "2027-01-31,                2027-01-31T00:00:00Z",
        "' 2027-01-31 ',            2027-01-31T00:00:00Z",
    })
    void readsTimes(String text, Instant expected) {
        assertThat(GivenTimes.instant(text)).isEqualTo(expected);
        assertThat(GivenTimes.ageOrInstant(text, NOW)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tomorrow,                   not an ISO-8601 time",
        "2027-13-01,                 not an ISO-8601 time",
        "+10000-01-01T00:00:00Z,     out of range (years 0000 to 9999)",
        "-0001-12-31T00:00:00Z,      out of range (years 0000 to 9999)",
    })
    void refusesOtherTimes(String text, String reason) {
        assertThatThrownBy(() -> GivenTimes.instant(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason).hasMessageContaining(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"90s, 90", "30m, 1800", "24h, 86400", "7d, 604800", "2W, 1209600"})
    void readsAgesBeforeNow(String text, long seconds) {
        assertThat(GivenTimes.ageOrInstant(text, NOW)).isEqualTo(NOW.minusSeconds(seconds));
    }

    @Test
    void anAgeNamesItsUnitAndStaysWithinAHundredYears() {
        assertThatThrownBy(() -> GivenTimes.ageOrInstant("2026", NOW)).hasMessageContaining("not an ISO-8601 time");
        assertThatThrownBy(() -> GivenTimes.ageOrInstant("36526d", NOW)).hasMessageContaining("at most 36525 days back");
        assertThat(GivenTimes.ageOrInstant("36525d", NOW)).isEqualTo(NOW.minus(Durations.LONGEST));
    }

    @Test
    void readsDates() {
        assertThat(GivenTimes.date("2027-01-31")).isEqualTo(LocalDate.of(2027, 1, 31));
        assertThatThrownBy(() -> GivenTimes.date("31/01/2027")).hasMessage("not a date (YYYY-MM-DD): 31/01/2027");
    }
}
