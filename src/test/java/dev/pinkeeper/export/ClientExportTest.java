package dev.pinkeeper.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.pinkeeper.pin.Pin;

/** {@link ClientExport}: each client's forms, in order, and when an export must not be shipped. */
class ClientExportTest {
    static Pin current;
    static Pin backup;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        current = Pin.ofSpki(ec.generateKeyPair().getPublic().getEncoded());
        backup = Pin.ofSpki(ec.generateKeyPair().getPublic().getEncoded());
    }

    private static PinExport export(List<Pin> keys, List<Pin> cas, LocalDate expiration) {
        return new PinExport("app.example.test", false, keys, cas, expiration, List.of());
    }

    @Test
    void eachClientHasItsFormsInOrder() {
        PinExport two = export(List.of(current, backup), List.of(), null);
        assertThat(ClientExport.of(ClientFormat.OKHTTP, two).forms()).containsOnlyKeys("kotlin", "java")
                .extractingByKey("kotlin").asString().contains(current.base64()).contains(backup.base64());
        assertThat(ClientExport.of(ClientFormat.OKHTTP, two).forms().keySet()).containsExactly("kotlin", "java");
        assertThat(ClientExport.of(ClientFormat.ANDROID, two).forms().keySet()).containsExactly("xml");
        assertThat(ClientExport.of(ClientFormat.TRUSTKIT, two).forms().keySet()).containsExactly("swift", "plist");
        assertThat(ClientExport.of(ClientFormat.CURL, two).forms().keySet()).containsExactly("pinnedpubkey", "command");
        for (ClientFormat format : ClientFormat.values()) {
            assertThat(ClientExport.of(format, two).refused()).as(format.label()).isFalse();
        }
    }

    @Test
    void aSinglePinIsRefusedForEveryClientAndTrustKitSaysWhyToo() {
        PinExport one = export(List.of(current), List.of(), LocalDate.of(2027, 3, 1));
        assertThat(ClientExport.of(ClientFormat.OKHTTP, one).problems()).containsExactly(ClientExport.SINGLE_PIN);
        assertThat(ClientExport.of(ClientFormat.TRUSTKIT, one).problems()).hasSize(2)
                .startsWith(ClientExport.SINGLE_PIN);
        assertThat(ClientExport.of(ClientFormat.CURL, one).refused()).isTrue();
    }

    @Test
    void androidWithoutAnExpirationEnforcesForEver() {
        assertThat(ClientExport.of(ClientFormat.ANDROID, export(List.of(current, backup), List.of(), null))
                .enforcedForEver()).isTrue();
        assertThat(ClientExport.of(ClientFormat.ANDROID, export(List.of(current, backup), List.of(),
                LocalDate.of(2027, 3, 1))).enforcedForEver()).isFalse();
        assertThat(ClientExport.of(ClientFormat.OKHTTP, export(List.of(current, backup), List.of(), null))
                .enforcedForEver()).isFalse();
    }

    @Test
    void curlCannotPinACaKeyAlone() {
        PinExport caOnly = export(List.of(), List.of(current, backup), null);
        assertThatThrownBy(() -> ClientExport.of(ClientFormat.CURL, caOnly)).isInstanceOf(IllegalArgumentException.class);
    }
}
