package dev.pinkeeper.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one reading of HOST:PORT (the collector's listening addresses, a deploy probe, a site's authority). */
class HostPortTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:8470        | 127.0.0.1       | 8470  | 127.0.0.1:8470",
        "localhost:0           | localhost       | 0     | localhost:0",
        "www.example.com:65535 | www.example.com | 65535 | www.example.com:65535",
        "[::1]:8443            | ::1             | 8443  | [::1]:8443",
        "[2001:db8::7]:443     | 2001:db8::7     | 443   | [2001:db8::7]:443",
    })
    void readsHostAndPort(String text, String host, int port, String written) {
        HostPort parsed = HostPort.parse(text);

        assertThat(parsed.host()).isEqualTo(host);
        assertThat(parsed.port()).isEqualTo(port);
        assertThat(parsed).hasToString(written);
        assertThat(HostPort.parse(parsed.toString())).isEqualTo(parsed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "localhost           | expected HOST:PORT, not localhost",
        ":8470               | expected HOST:PORT, not :8470",
        "localhost:          | expected HOST:PORT, not localhost:",
        "::1:8443            | write an IPv6 address as [ADDRESS]:PORT",
        "[::1]               | write an IPv6 address as [ADDRESS]:PORT",
        "[]:80               | expected HOST:PORT",
        "a]b:80              | expected HOST:PORT",
        "localhost:http      | not a port: http",
        "localhost:-1        | not a port: -1",
        "localhost:+80       | not a port: +80",
        "localhost:70000     | the port must be from 0 to 65535, not 70000",
        "localhost:99999999999 | not a port: 99999999999",
    })
    void refusesWhatIsNotHostPort(String text, String reason) {
        assertThatThrownBy(() -> HostPort.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bücher.example      | bücher.example | 443",
        "bücher.example:8443 | bücher.example | 8443",
        "[::1]               | ::1            | 443",
    })
    void takesTheDefaultPortWhenNoneIsGiven(String text, String host, int port) {
        assertThat(HostPort.parse(text, 443)).isEqualTo(new HostPort(host, port));
    }
}
