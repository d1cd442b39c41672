package dev.pinkeeper.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteAddressTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://www.example.com          | www.example.com | 443  | /",
        "https://WWW.Example.COM.:8443/x  | www.example.com | 8443 | /x",
        "www.example.com:8443             | www.example.com | 8443 | /",
        "https://example.com/a/b?c=d      | example.com     | 443  | /a/b?c=d",
        "https://[::1]:8443/              | ::1             | 8443 | /",
        "https://bücher.example/          | xn--bcher-kva.example | 443 | /",
    })
    void parses(String url, String host, int port, String path) {
        SiteAddress site = SiteAddress.parse(url);

        assertThat(site.host()).isEqualTo(host);
        assertThat(site.port()).isEqualTo(port);
        assertThat(site.path()).isEqualTo(path);
    }

    @Test
    void printsItsUrl() {
        assertThat(SiteAddress.parse("https://a.example:443").url()).isEqualTo("https://a.example/");
        assertThat(SiteAddress.parse("https://[::1]:8443/p").url()).isEqualTo("https://[::1]:8443/p");
        assertThat(SiteAddress.parse("https://127.0.0.1:8443").ipLiteral()).isTrue();
        assertThat(SiteAddress.parse("https://site.test").ipLiteral()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://www.example.com/  | not an https URL",
        "ftp://www.example.com/   | not an https URL",
        "https://                 | URL",
        "https://user@example.com | user information",
        "https://example.com:0/   | port out of range",
        "https://exa mple.com/    | not a URL",
        "https://example.com:x/   | port",
    })
    void refuses(String url, String reason) {
        assertThatThrownBy(() -> SiteAddress.parse(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
