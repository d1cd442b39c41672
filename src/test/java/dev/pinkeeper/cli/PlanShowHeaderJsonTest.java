package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.server.Apache;
import dev.pinkeeper.server.Haproxy;
import org.junit.jupiter.api.Test;

/** plan show's JSON header: name, value, then each server's line and why a server cannot send it. */
class PlanShowHeaderJsonTest {
    @Test
    void eachServersLineFollowsTheHeaderAndAnUnsendableOneSaysWhy() {
        PkpHeader header = new PkpHeader(false, 600L, false, "https://r.example/$x",
                List.of(Pin.ofSpki(new byte[] {1}), Pin.ofSpki(new byte[] {2})));
        JsonNode json = Json.mapper().valueToTree(new PlanShowDocument.Header(header));

        assertThat(json.fieldNames()).toIterable()
                .containsExactly("name", "value", "nginx", "apache", "haproxy", "unwritable");
        assertThat(json.get("name").asText()).isEqualTo(PkpHeader.NAME);
        assertThat(json.get("value").asText()).isEqualTo(header.value());
        assertThat(json.get("nginx").isNull()).isTrue();
        assertThat(json.get("apache").asText()).isEqualTo(Apache.headerLine(header.name(), header.value()));
        assertThat(json.get("haproxy").asText()).isEqualTo(Haproxy.headerLine(header.name(), header.value()));
        assertThat(json.get("unwritable").fieldNames()).toIterable().containsExactly("nginx");
        assertThat(json.get("unwritable").get("nginx").asText()).contains("$");
    }
}
