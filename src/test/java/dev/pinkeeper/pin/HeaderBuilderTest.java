package dev.pinkeeper.pin;

import dev.pinkeeper.server.Apache;
import static dev.pinkeeper.pin.TestPins.A;
import static dev.pinkeeper.pin.TestPins.B;
import static dev.pinkeeper.pin.TestPins.C;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What {@code header build} refuses, and why. */
class HeaderBuilderTest {
    private static HeaderBuilder twoPins() {
        return new HeaderBuilder().pins(List.of(A, B)).maxAge(86_400L);
    }

    @Test
    void buildsTheCanonicalValue() {
        HeaderBuilder.Result result = twoPins().includeSubDomains(true).reportUri("https://r.example/hpkp")
                .currentPins(List.of(A)).build();
        assertThat(result.problems()).isEmpty();
        assertThat(result.header().value()).isEqualTo("pin-sha256=\"" + TestPins.b64(A) + "\"; pin-sha256=\""
                + TestPins.b64(B) + "\"; max-age=86400; includeSubDomains; report-uri=\"https://r.example/hpkp\"");
    }

    @Test
    void refusesFewerThanTwoPins() {
        HeaderBuilder.Result result = new HeaderBuilder().pins(List.of(A, A)).maxAge(60L).build();
        assertThat(result.header()).isNull();
        assertThat(result.problems()).singleElement().asString().startsWith("fewer than two pins (1)");
    }

    @Test
    void refusesAnEnforcingHeaderWithoutMaxAge() {
        assertThat(twoPins().maxAge(null).build().problems()).containsExactly("an enforcing Public-Key-Pins header needs a max-age");
        assertThat(twoPins().maxAge(null).reportOnly(true).reportUri("https://r.example/").build().problems()).isEmpty();
    }

    @Test
    void refusesMoreThanSixtyDaysUnlessAllowed() {
        assertThat(twoPins().maxAge(5_184_000L).build().problems()).isEmpty();
        assertThat(twoPins().maxAge(5_184_001L).build().problems()).singleElement().asString().contains("above 60 days");
        assertThat(twoPins().maxAge(5_184_001L).allowLongMaxAge(true).build().problems()).isEmpty();
    }

    @Test
    void refusesASetWithoutBackupPinOutsideTheCurrentKeys() {
        assertThat(twoPins().currentPins(List.of(A, B)).build().problems())
                .containsExactly("no backup pin: every pin is one of the current keys");
    }

    @Test
    void refusesASetThatDoesNotPinTheCurrentKey() {
        assertThat(twoPins().currentPins(List.of(C)).build().problems()).containsExactly("no pin matches the current keys");
    }

    @Test
    void refusesReportOnlyWithoutReportUriBecauseChromeDropsIt() {
        assertThat(twoPins().reportOnly(true).build().problems()).singleElement().asString()
                .startsWith("chrome would ignore this header").contains("without report-uri");
    }

    @Test
    void refusesARelativeReportUriBecauseChromeDropsTheHeader() {
        assertThat(twoPins().reportUri("/hpkp").build().problems()).singleElement().asString()
                .startsWith("chrome would ignore this header");
    }

    @Test
    void refusesReportUrisThatAreNotUris() {
        for (String uri : List.of("https://r.example/a\"b", "https://r.example/a\\b", "https://r.example/{x}",
                "https://r.example/a b", "https://r.example/%zz")) {
            assertThat(twoPins().reportUri(uri).build().problems()).as(uri).isNotEmpty()
                    .allMatch(p -> p.contains("report-uri") && p.contains("would ignore this header"));
        }
    }

    @Test
    void acceptsReportUrisWhateverServerConfigurationsMakeOfThem() {
        // Quoting for nginx, Apache and HAProxy is the server package's job (it escapes or refuses per server).
        for (String uri : List.of("https://r.example/$host", "https://r.example/r%2Fd", "https://r.example/a'b")) {
            HeaderBuilder.Result result = twoPins().reportUri(uri).build();
            assertThat(result.problems()).as(uri).isEmpty();
            assertThat(result.header().reportUri()).isEqualTo(uri);
        }
    }

    @Test
    void maxAgeZeroIsAllowedToWithdrawPins() {
        HeaderBuilder.Result result = twoPins().maxAge(0L).currentPins(List.of(A)).build();
        assertThat(result.problems()).isEmpty();
        assertThat(PinListRule.forgetsPins(result.header())).isTrue();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThat(new HeaderBuilder().pins(List.of(A)).maxAge(9_999_999L).build().problems()).hasSize(2);
        assertThat(new HeaderBuilder().pins(List.of(A, B)).maxAge(9_999_999L).currentPins(List.of(A, B)).build().problems())
                .hasSize(2).anyMatch(p -> p.contains("above 60 days")).anyMatch(p -> p.startsWith("no backup pin"));
    }
}
