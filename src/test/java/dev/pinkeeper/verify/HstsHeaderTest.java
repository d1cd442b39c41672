package dev.pinkeeper.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6797 §6.1 grammar and rules, one row per rule. */
class HstsHeaderTest {
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "max-age=31536000                               | 31536000 | false | false",
        "max-age=31536000; includeSubDomains; preload   | 31536000 | true  | true",
        "MAX-AGE=\"600\" ; INCLUDESUBDOMAINS            | 600      | true  | false",
        ";; max-age=0 ;                                 | 0        | false | false",
        "max-age=60; future-directive=\"x;y\"; other    | 60       | false | false",
        "max-age=99999999999999999999999                | 9223372036854775807 | false | false",
    })
    void valid(String value, long maxAge, boolean includeSubDomains, boolean preload) {
        HstsHeader hsts = HstsHeader.parse(value);

        assertThat(hsts.valid()).as(hsts.error()).isTrue();
        assertThat(hsts.maxAge()).isEqualTo(maxAge);
        assertThat(hsts.includeSubDomains()).isEqualTo(includeSubDomains);
        assertThat(hsts.preload()).isEqualTo(preload);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "''                                 | max-age is missing",
        "includeSubDomains                  | max-age is missing",
        "max-age=1; max-age=2               | more than once",
        "max-age=1; includesubdomains; includeSubDomains | more than once",
        "max-age=-1                         | not a number of seconds: -1",
        "max-age=1h                         | not a number",
        "max-age                            | not a number",
        "max-age=1; includeSubDomains=yes   | takes no value",
        "max-age=1, includeSubDomains       | unexpected ','",
        "max-age=\"1                        | no valid value",
    })
    void invalid(String value, String error) {
        HstsHeader hsts = HstsHeader.parse(value);

        assertThat(hsts.valid()).isFalse();
        assertThat(hsts.error()).contains(error);
        assertThat(hsts.maxAge()).isNull();
    }
}
