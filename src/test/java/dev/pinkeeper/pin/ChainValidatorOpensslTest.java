package dev.pinkeeper.pin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TestPki.Cert;

/** The validator agrees with {@code openssl verify} on whether a chain validates at a given time. */
class ChainValidatorOpensslTest {
    @TempDir
    Path dir;

    private static boolean opensslVerifies(Path root, Path untrusted, Path leaf, Instant at)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "verify", "-attime", Long.toString(at.getEpochSecond()),
                "-purpose", "sslserver", "-CAfile", root.toString(), "-untrusted", untrusted.toString(),
                leaf.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0;
    }

    @Test
    void agreesWithOpensslVerifyBeforeDuringAndAfterTheLeafsValidity() throws Exception {
        try {
            new ProcessBuilder("openssl", "version").start().waitFor();
        } catch (IOException e) {
            assumeThat(false).as("openssl is installed").isTrue();
        }
        Cert root = TestPki.root("Openssl Root");
        Cert ca = TestPki.intermediate("Openssl CA", root);
        Cert leaf = TestPki.leaf(ca, "openssl.example.test");
        Path rootPem = TestPki.writePem(dir.resolve("root.pem"), root);
        Path caPem = TestPki.writePem(dir.resolve("ca.pem"), ca);
        Path leafPem = TestPki.writePem(dir.resolve("leaf.pem"), leaf);
        ChainValidator validator = new ChainValidator(List.of(root.certificate()));
        Instant notBefore = leaf.certificate().getNotBefore().toInstant();
        Instant notAfter = leaf.certificate().getNotAfter().toInstant();

        for (Instant at : List.of(notBefore.minus(Duration.ofDays(1)), notBefore.plus(Duration.ofHours(1)),
                notAfter.minus(Duration.ofHours(1)), notAfter.plus(Duration.ofDays(1)))) {
            boolean ours = validator.check(List.of(leaf.certificate(), ca.certificate()), Set.of(root.pin()),
                    Set.of(), null, at).chainValid();

            assertThat(ours).as("at %s", at).isEqualTo(opensslVerifies(rootPem, caPem, leafPem, at));
        }
        assertThat(opensslVerifies(rootPem, caPem, leafPem, notBefore.plus(Duration.ofHours(1)))).isTrue();
    }
}
