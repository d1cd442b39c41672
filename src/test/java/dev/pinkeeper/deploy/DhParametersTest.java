package dev.pinkeeper.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.files.Pem;
import dev.pinkeeper.testing.Processes;
import dev.pinkeeper.testing.TestPki;

/** DH parameters by RFC 7919 group name or from a PEM file, checked before a release is written. */
class DhParametersTest {
    @TempDir
    Path dir;

    @Test
    void aGroupIsTheBlockOpensslWritesForIt() throws Exception {
        for (String group : new String[] {"ffdhe2048", "ffdhe3072", "ffdhe4096"}) {
            String openssl = Processes.ok(dir, "openssl genpkey -genparam -algorithm DH -pkeyopt group:" + group);
            DhParameters parameters = DhParameters.of(group.toUpperCase());
            assertThat(parameters.pem()).isEqualTo(openssl);
            assertThat(parameters.bits()).isEqualTo(Integer.parseInt(group.substring(5)));
        }
    }

    @Test
    void aFileIsReadInBothPemForms() throws Exception {
        Path pkcs3 = dir.resolve("dh.pem");
        Processes.ok(dir, "openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe3072 -out " + pkcs3);
        assertThat(DhParameters.of(pkcs3.toString()).pem()).isEqualTo(DhParameters.of("ffdhe3072").pem());
        Path x942 = dir.resolve("x942.pem");
        Processes.ok(dir, "openssl genpkey -genparam -algorithm DHX -pkeyopt dh_rfc5114:3 -out " + x942);
        assertThat(Files.readString(x942)).contains("BEGIN X9.42 DH PARAMETERS");
        assertThat(DhParameters.of(x942.toString()).bits()).isEqualTo(2048);
        assertThat(DhParameters.of(null)).isNull();
        assertThat(DhParameters.of("none")).isNull();
    }

    @Test
    void weakOrOtherContentIsRefusedNamingTheFile() throws Exception {
        Path weak = Files.writeString(dir.resolve("weak.pem"), Pem.block("DH PARAMETERS",
                new org.bouncycastle.asn1.pkcs.DHParameter(DHStandardGroups.rfc2409_1024.getP(),
                        DHStandardGroups.rfc2409_1024.getG(), 0).getEncoded()));
        assertThatThrownBy(() -> DhParameters.of(weak.toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(weak + ": a 1024-bit DH prime is too weak (at least 2048 bits)");
        Path certificate = TestPki.writePem(dir.resolve("cert.pem"), TestPki.root("Not DH"));
        assertThatThrownBy(() -> DhParameters.of(certificate.toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(certificate + ": not a PEM file of DH PARAMETERS (it holds [CERTIFICATE])");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        assertThatThrownBy(() -> DhParameters.of(empty.toString())).hasMessageContaining("no PEM block");
        Path composite = Files.writeString(dir.resolve("composite.pem"), Pem.block("DH PARAMETERS",
                new org.bouncycastle.asn1.pkcs.DHParameter(DHStandardGroups.rfc7919_ffdhe2048.getP()
                        .subtract(java.math.BigInteger.TWO), java.math.BigInteger.TWO, 0).getEncoded()));
        assertThatThrownBy(() -> DhParameters.of(composite.toString())).hasMessageContaining("not a prime");
        assertThatThrownBy(() -> DhParameters.of("ffdhe1024")).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
