package dev.pinkeeper.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReportParserTest {
    private final ReportParser parser = new ReportParser();

    private ViolationReport parse(String json) throws MalformedReportException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsChromiumReport() throws Exception {
        ViolationReport r = parse("""
                {"date-time":"2026-11-22T10:00:00Z","hostname":"www.example.com","port":443,
                 "effective-expiration-date":"2027-01-01T00:00:00Z","include-subdomains":false,
                 "noted-hostname":"example.com","served-certificate-chain":["-----BEGIN CERTIFICATE-----\\nA\\n-----END CERTIFICATE-----\\n"],
                 "validated-certificate-chain":[],"known-pins":["pin-sha256=\\"x\\"","pin-sha256=\\"y\\""]}""");
        assertThat(r.format()).isEqualTo(ReportFormat.RFC7469);
        assertThat(r.hostname()).isEqualTo("www.example.com");
        assertThat(r.port()).isEqualTo(443);
        assertThat(r.notedHostname()).isEqualTo("example.com");
        assertThat(r.includeSubdomains()).isFalse();
        assertThat(r.servedChain()).hasSize(1);
        assertThat(r.knownPins()).containsExactly("pin-sha256=\"x\"", "pin-sha256=\"y\"");
        assertThat(r.app()).isNull();
    }

    @Test
    void readsTrustKitReport() throws Exception {
        ViolationReport r = parse("""
                {"app-bundle-id":"com.example.app","app-version":"2.1","app-platform":"IOS","app-vendor-id":"V",
                 "date-time":"2026-11-22T10:00:00Z","hostname":"api.example.com","port":443,"include-subdomains":true,
                 "noted-hostname":"example.com","validated-certificate-chain":[],"known-pins":[],"validation-result":1}""");
        assertThat(r.format()).isEqualTo(ReportFormat.TRUSTKIT);
        assertThat(r.app().bundleId()).isEqualTo("com.example.app");
        assertThat(r.app().platform()).isEqualTo("IOS");
        assertThat(r.app().validationResult()).isEqualTo(1);
        assertThat(r.servedChain()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "\"text\"", "null", "{", "{\"hostname\":\"a\"} x", "{\"port\":443}",
            "{\"hostname\":5}", "{\"hostname\":\"\"}", "{\"hostname\":\"a\",\"port\":\"443\"}",
            "{\"hostname\":\"a\",\"port\":70000}", "{\"hostname\":\"a\",\"port\":1.5}",
            "{\"hostname\":\"a\",\"include-subdomains\":\"yes\"}", "{\"hostname\":\"a\",\"known-pins\":\"p\"}",
            "{\"hostname\":\"a\",\"known-pins\":[1]}", "{\"hostname\":\"a\",\"served-certificate-chain\":{}}",
            "{\"hostname\":\"a\",\"hostname\":\"b\"}", "{\"app-bundle-id\":7,\"hostname\":\"a\"}",
            "{\"hostname\":\"a\\u0000b\"}", "{\"hostname\":\"a\",\"known-pins\":[\"\\u0000\"]}",
            "{\"hostname\":\"a\",\"x\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}"})
    void refusesMalformedReports(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedReportException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("\n"));
    }

    @Test
    void refusesInvalidUtf8AndBinary() {
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '{'};
        assertThatThrownBy(() -> parser.parse(garbage)).isInstanceOf(MalformedReportException.class);
    }
}
