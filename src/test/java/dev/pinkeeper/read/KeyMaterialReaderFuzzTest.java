package dev.pinkeeper.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz test of {@link KeyMaterialReader}: for any bytes it returns objects whose pin is
 * the SHA-256 of their SPKI, or throws {@link UnreadableInputException}; any other exception or
 * error is a bug. {@code mvn verify} replays the seeds (regression mode) and fuzzes for a short
 * while; {@code scripts/fuzz.sh} fuzzes longer.
 */
class KeyMaterialReaderFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void readsOrRejectsCleanly(byte[] input) throws Exception {
        KeyMaterialReader reader = new KeyMaterialReader(null);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        int[] seen = {0};
        try {
            int count = reader.read(new ByteArrayInputStream(input), material -> {
                assertThat(material.index()).isEqualTo(seen[0]++);
                assertThat(material.kind()).isNotNull();
                assertThat(material.pin().digest()).isEqualTo(sha256.digest(material.spki()));
            });
            assertThat(count).isEqualTo(seen[0]).isPositive();
        } catch (UnreadableInputException expected) {
            assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }
}
