package dev.pinkeeper.deploy;

import dev.pinkeeper.server.ServerException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinkeeper.lifecycle.Programs;
import dev.pinkeeper.testing.Apache;
import dev.pinkeeper.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link dev.pinkeeper.server.Apache#target} with configurations that need no running Apache. */
class ApacheTargetTest {
    @TempDir
    Path dir;

    /**
     * Debian's Apache config ({@code /etc/apache2/apache2.conf}) names directories through variables that
     * {@code /etc/apache2/envvars} exports for {@code apache2ctl}: the target reads an {@code envvars} beside
     * the config the same way, with {@code APACHE_CONFDIR} set to the config's folder.
     */
    @Test
    void theConfigTestReadsTheEnvvarsBesideTheConfig() throws Exception {
        Files.createDirectories(dir.resolve("run"));
        Path config = Files.writeString(dir.resolve("apache2.conf"), String.join("\n",
                "ServerRoot " + dir, "ServerName localhost", "ErrorLog " + dir.resolve("error.log"),
                "LoadModule mpm_event_module " + Apache.MODULES.resolve("mod_mpm_event.so"),
                "DefaultRuntimeDir ${PINKEEPER_TEST_RUN_DIR}", "PidFile ${PINKEEPER_TEST_RUN_DIR}/apache2.pid", ""));
        assertThatThrownBy(dev.pinkeeper.server.Apache.target(Programs.locate("apache2"), config, List.of())::configTest).isInstanceOf(ServerException.class)
                .hasMessageContaining("PINKEEPER_TEST_RUN_DIR");

        Files.writeString(dir.resolve("envvars"), "export PINKEEPER_TEST_RUN_DIR=$APACHE_CONFDIR/run\n");

        assertThatCode(dev.pinkeeper.server.Apache.target(Programs.locate("apache2"), config, List.of())::configTest)
                .doesNotThrowAnyException();
    }

    /** A pid file left behind names another program's process by now: it gets no signal, nothing is started. */
    @Test
    void aStalePidFileIsNotSignalledAndNothingIsStarted() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Path pidFile = Files.writeString(dir.resolve("apache2.pid"), other.pid() + "\n");
            Path config = Files.writeString(dir.resolve("httpd.conf"), String.join("\n",
                    "ServerRoot " + dir, "ServerName localhost", "ErrorLog " + dir.resolve("error.log"),
                    "LoadModule mpm_event_module " + Apache.MODULES.resolve("mod_mpm_event.so"),
                    "PidFile " + pidFile, "Listen 127.0.0.1:" + FreePorts.next(), ""));

            assertThatThrownBy(dev.pinkeeper.server.Apache.target(Programs.locate("apache2"), config, List.of())::reload)
                    .isInstanceOf(ServerException.class).hasMessageContaining("Apache is not running");

            assertThat(other.isAlive()).as("SIGUSR1 would have ended it").isTrue();
            assertThat(Files.readString(pidFile).strip()).isEqualTo(Long.toString(other.pid()));
        } finally {
            other.destroy();
        }
    }
}
