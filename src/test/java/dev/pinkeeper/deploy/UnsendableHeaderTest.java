package dev.pinkeeper.deploy;

import dev.pinkeeper.server.ServerTarget;
import dev.pinkeeper.server.Nginx;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.lifecycle.Programs;
import dev.pinkeeper.testing.Apache;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.Processes;

/**
 * A header value one server cannot be made to send (nginx has no escape for {@code $}, Apache none for
 * <code>${</code>) does not make
 * a site undeployable to the others: the release is written, the map HAProxy reads carries the header,
 * and the nginx and Apache snippets are files their real config tests refuse, so neither ever serves the
 * release without the header; a deployment to nginx itself is refused before anything is written.
 */
class UnsendableHeaderTest {
    static final String VALUE = "pin-sha256=\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"; max-age=600;"
            + " report-uri=\"https://r.test/a${host}\"";

    @TempDir
    Path dir;

    @Test
    void aReleaseForAnotherServerMakesNginxAndApacheRefuseItsSnippets() throws Exception {
        List<Header> headers = List.of(new Header("Public-Key-Pins", VALUE));
        Release release = new ReleaseStore(dir.resolve("site"))
                .create(ReleaseContent.of(SelfSigned.ec("dollar.example.test").certifiedKey(), headers));

        assertThat(Files.readString(release.file(Release.HAPROXY_MAP))).isEqualTo("Public-Key-Pins " + VALUE + "\n");
        assertThat(HeaderSnippets.problem(Release.HAPROXY_MAP, headers)).isEmpty();
        assertThat(HeaderSnippets.problem(Release.NGINX_HEADERS, headers)).get().asString().contains("nginx")
                .contains("'$'");

        Path nginxConf = Files.writeString(dir.resolve("nginx.conf"), """
                events {}
                http {
                  server {
                    listen 127.0.0.1:1;
                    include %s;
                  }
                }
                """.formatted(release.file(Release.NGINX_HEADERS)));
        Processes.Run nginx = Processes.run(dir, List.of(Programs.find("nginx", "nginx").toString(), "-t", "-q",
                "-c", nginxConf.toString(), "-p", dir.toString(), "-e", dir.resolve("nginx-error.log").toString(),
                "-g", "pid " + dir.resolve("nginx.pid") + ";"), null, Duration.ofSeconds(30));
        assertThat(nginx.code()).as(nginx.err()).isNotZero();
        assertThat(nginx.err()).contains("unknown directive \"pinkeeper_cannot_send_the_headers_of_this_release\"");

        Path apacheConf = Files.writeString(dir.resolve("apache.conf"), """
                ServerRoot %s
                LoadModule mpm_event_module %s/mod_mpm_event.so
                PidFile %s/apache.pid
                ErrorLog %s/apache-error.log
                Listen 127.0.0.1:1
                <VirtualHost 127.0.0.1:1>
                  Include %s
                </VirtualHost>
                """.formatted(dir, Apache.MODULES, dir, dir, release.file(Release.APACHE_HEADERS)));
        Processes.Run apache = Processes.run(dir, List.of(Programs.find("apache2", "apache2").toString(), "-t",
                "-f", apacheConf.toString()), null, Duration.ofSeconds(30));
        assertThat(apache.code()).as(apache.err()).isNotZero();
        assertThat(apache.err()).contains("pinkeeper: Apache cannot send the headers of this release");
    }

    @Test
    void aDeploymentToNginxIsRefusedBeforeAnythingIsWritten() throws Exception {
        ReleaseStore store = new ReleaseStore(dir.resolve("site"));
        SelfSigned cert = SelfSigned.ec("dollar.example.test");
        store.pointLiveAt(store.create(ReleaseContent.of(cert.certifiedKey(), List.of())));
        Path nginxConf = Files.writeString(dir.resolve("nginx.conf"), "events {}\nhttp {}\n");
        ServerTarget nginx = Nginx.target(Programs.find("nginx", "nginx").toString(), nginxConf, List.of());
        Map<String, String> before = FileSnapshot.of(dir);

        SwitchResult result = ReleaseSwitch.builder(store, nginx).build()
                .deploy(ReleaseContent.of(cert.certifiedKey(), List.of(new Header("Public-Key-Pins", VALUE))));

        assertThat(result.outcome()).isEqualTo(SwitchResult.Outcome.REJECTED);
        assertThat(result.reason()).contains("nginx cannot send '$'");
        assertThat(result.reloaded()).isFalse();
        Map<String, String> after = new java.util.TreeMap<>(FileSnapshot.of(dir));
        after.remove("site/.lock"); // the switch's lock file, not a state of the site
        assertThat(after).isEqualTo(before);
    }
}
