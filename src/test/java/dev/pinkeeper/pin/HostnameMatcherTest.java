package dev.pinkeeper.pin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameMatcherTest {
    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
        "www.example.com, www.example.com, true",
        "www.example.com, example.com, false",
        "*.example.com, www.example.com, true",
        "*.example.com, example.com, false",
        "*.example.com, a.b.example.com, false",
        "*.com, example.com, false",
        "w*.example.com, www.example.com, false",
        "*.*.example.com, a.b.example.com, false",
        "www.*.com, www.example.com, false",
        "192.0.2.1, 192.0.2.1, true",
        "192.0.2.1, 192.0.2.2, false",
        "2001:db8:0:0:0:0:0:1, 2001:db8::1, true",
    })
    void matchesLikeABrowser(String pattern, String host, boolean expected) {
        assertThat(HostnameMatcher.matches(pattern, host)).isEqualTo(expected);
    }
}
