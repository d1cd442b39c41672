package dev.pinkeeper.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.pin.Pin;

/** The account key is created exactly once, even by concurrent first uses. */
class AccountKeysTest {
    @TempDir
    Path dir;

    @Test
    void concurrentFirstUsesAgreeOnOneKey() throws Exception {
        Path accountDir = dir.resolve("account");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<KeyPair>> keys = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                keys.add(pool.submit(() -> AccountKeys.loadOrCreate(accountDir)));
            }
            Pin first = Pin.ofSpki(keys.get(0).get().getPublic().getEncoded());
            for (Future<KeyPair> key : keys) {
                assertThat(Pin.ofSpki(key.get().getPublic().getEncoded())).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        try (var files = Files.list(accountDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(AccountKeys.FILE_NAME);
        }
    }

    @Test
    void anAccountKeyOthersCanReadIsRefusedWithTheChmodThatFixesIt() throws Exception {
        Path accountDir = dir.resolve("account");
        AccountKeys.loadOrCreate(accountDir);
        Path file = accountDir.resolve(AccountKeys.FILE_NAME);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AccountKeys.loadOrCreate(accountDir))
                .hasMessageContaining("chmod 600 " + file);
    }

    @Test
    void directoriesByNameOrUrl() {
        assertThat(AcmeDirectories.resolve("letsencrypt")).isEqualTo(AcmeDirectories.LETSENCRYPT);
        assertThat(AcmeDirectories.resolve("LetsEncrypt-Staging").toString())
                .isEqualTo("https://acme-staging-v02.api.letsencrypt.org/directory");
        assertThat(AcmeDirectories.resolve("https://localhost:14000/dir").getPort()).isEqualTo(14000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AcmeDirectories.resolve("zerossl-typo"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zerossl-typo");
    }
}
