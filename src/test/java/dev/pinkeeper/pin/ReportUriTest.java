package dev.pinkeeper.pin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportUriTest {
    private static final List<Pin> PINS = List.of(Pin.parse("i1eIx70wYbi79yUG4Hbbf2m+hlnpozB9xtcUhzBRqBU="),
            Pin.parse("7rH0SWhGpPyvzTQnp4cgodfuiNsLnPFqzBJKoyIA7Lg="));

    @Test
    void acceptsExactlyWhatTheRfcAndChromeParsersBothKeepInAReportOnlyHeader() {
        for (String uri : List.of("https://reports.example/pkp", "http://r.example:8470/", "https://r.example/p?s=a%2Fb",
                "https://r.example/$site", "/relative", "reports.example/pkp", "https://r example/", "https://r.example/{x}",
                "https://r.example/%zz", "https:///nohost", "mailto:pkp@example.com")) {
            PkpHeader header = new PkpHeader(true, 600L, false, uri, PINS);
            boolean rfc = PkpHeaderParser.parse(UserAgent.RFC, header.value(), true).valid();
            boolean chrome = PkpHeaderParser.parse(UserAgent.CHROME, header.value(), true).valid();
            assertThat(ReportUri.problem(uri) == null).as(uri).isEqualTo(rfc && chrome);
        }
    }

    @Test
    void theReasonNamesTheUri() {
        assertThat(ReportUri.problem("/relative")).contains("/relative").contains("absolute URL");
        assertThat(ReportUri.problem("https://r example/")).contains("not a URI");
        assertThat(ReportUri.problem("https://reports.example/pkp")).isNull();
    }
}
