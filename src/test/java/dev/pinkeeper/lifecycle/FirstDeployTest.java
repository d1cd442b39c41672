package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinkeeper.deploy.TlsProbe;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.rehearse.LocalNginx;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Apache;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Haproxy;
import dev.pinkeeper.testing.HaproxyDaemon;
import dev.pinkeeper.testing.Nginx;
import dev.pinkeeper.testing.Pebble;
import dev.pinkeeper.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first deployment of a site whose web server is not running yet, on real nginx, HAProxy and Apache
 * on 127.0.0.1: its config reads the release through {@code live}, which does not exist before the first
 * deployment, so the server cannot start before it. The deployment writes the release, switches
 * {@code live} and passes the config test, reloads nothing, and says how to start the server ("ready",
 * exit 0); started, the server serves the pinned key. Before, the reload failed ({@code invalid PID
 * number ""}), {@code live} was removed again and the server could not start.
 */
class FirstDeployTest {
    @TempDir
    static Path dir;
    @AutoClose
    static LocalPebble pebble;
    static Path root;

    @BeforeAll
    static void startPebble() throws Exception {
        pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next());
        root = pebble.writeRoot(dir.resolve("root.pem"));
    }

    @Test
    void nginxStartsOnTheReleaseTheFirstDeploymentLeaves() throws Exception {
        Path state = dir.resolve("nginx-state");
        String host = "web.pinkeeper.test";
        Path live = keysAndLive(state, "web", host);
        int port = FreePorts.next();
        Path nginxDir = dir.resolve("nginx");
        String server = Nginx.releaseServer(port, live);
        Path config = LocalNginx.writeConfig(nginxDir, server);
        Files.writeString(nginxDir.resolve("nginx.pid"), ""); // what a failed start leaves behind
        List<String> options = LocalNginx.commandLineOptions(nginxDir);
        assertThat(Processes.sh(nginxDir, "nginx -t -c " + config + " " + String.join(" ", options)).code())
                .as("nginx cannot start before the first deployment").isNotZero();

        List<String> issue = new ArrayList<>(List.of("issue", "--site", "web", "--probe", "127.0.0.1:" + port));
        issue.addAll(Pebble.issueOptions(pebble, root, dir.resolve("www")));
        issue.addAll(Nginx.targetOptions(config, options));
        Cli.Result first = Cli.runWithState(state, issue.toArray(String[]::new));

        assertThat(first.code()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("ready: nginx is not running (invalid PID number \"\" in")
                .contains("start it (" + Programs.locate("nginx") + " -c " + config + " " + String.join(" ", options))
                .doesNotContain("live removed");
        assertThat(Files.isDirectory(live)).isTrue();
        try (LocalNginx nginx = LocalNginx.start(nginxDir, server, port)) {
            assertThat(probe(port, host)).isEqualTo(current(state, "web"));
            Cli.Result again = Cli.runWithState(state, "deploy", "--site", "web", "--json");
            assertThat(again.code()).as(again.out() + again.err()).isZero();
            assertThat(again.json().get("status").asText()).isEqualTo("deployed");
            assertThat(again.json().get("message").asText()).contains("nginx reloaded");
        }
    }

    @Test
    void haproxyStartsOnTheReleaseTheFirstDeploymentLeaves() throws Exception {
        Path state = dir.resolve("haproxy-state");
        String host = "api.pinkeeper.test";
        Path live = keysAndLive(state, "api", host);
        issueOnly(state, "api");
        int port = FreePorts.next();
        Path haproxyDir = dir.resolve("haproxy");
        String sections = """
                frontend site
                  bind 127.0.0.1:%d ssl crt %s/haproxy.pem
                %s
                  http-request return status 200 content-type text/plain string ok
                """.formatted(port, live, Haproxy.headersFromMap(live.resolve("headers-haproxy.map")));
        Path config = Haproxy.writeConfig(haproxyDir, sections);
        Path pidFile = haproxyDir.resolve("haproxy.pid");

        JsonNode first = deployJson(state, "api", "--target", "haproxy", "--haproxy-cfg", config.toString(),
                "--haproxy-pid-file", pidFile.toString(), "--probe", "127.0.0.1:" + port);
        assertThat(first.get("status").asText()).isEqualTo("ready");
        assertThat(first.get("message").asText()).contains("HAProxy is not running")
                .contains("-D -f " + config + " -p " + pidFile);
        assertThat(Files.isDirectory(live)).isTrue();
        try (HaproxyDaemon haproxy = HaproxyDaemon.start(haproxyDir, sections, port)) {
            assertThat(probe(port, host)).isEqualTo(current(state, "api"));
        }
    }

    @Test
    void apacheStartsOnTheReleaseTheFirstDeploymentLeaves() throws Exception {
        Path state = dir.resolve("apache-state");
        String host = "shop.pinkeeper.test";
        Path live = keysAndLive(state, "shop", host);
        issueOnly(state, "shop");
        int port = FreePorts.next();
        Path apacheDir = dir.resolve("apache");
        String vhost = Apache.releaseHost(port, live, host);
        Path config = Apache.writeConfig(apacheDir, vhost, port);

        JsonNode first = deployJson(state, "shop", "--target", "apache", "--apache-conf", config.toString(),
                "--probe", "127.0.0.1:" + port);
        assertThat(first.get("status").asText()).isEqualTo("ready");
        assertThat(first.get("message").asText()).contains("Apache is not running").contains("-k start");
        assertThat(Files.isDirectory(live)).isTrue();
        try (Apache apache = Apache.start(apacheDir, vhost, port)) {
            assertThat(probe(port, host)).isEqualTo(current(state, "shop"));
        }
    }

    /** A site's keys; returns its {@code live} link (not there yet). */
    private static Path keysAndLive(Path state, String site, String host) {
        Cli.Result init = Cli.runWithState(state, "keys", "init", "--site", site, "--domain", host,
                "--current", "rsa:2048", "--backup", "rsa:2048,ec:p256");
        assertThat(init.code()).as(init.err()).isZero();
        Path live = state.resolve("sites").resolve(site).resolve("deploy").resolve("live");
        assertThat(live).doesNotExist();
        return live;
    }

    private static void issueOnly(Path state, String site) {
        List<String> issue = new ArrayList<>(List.of("issue", "--site", site, "--no-deploy"));
        issue.addAll(Pebble.issueOptions(pebble, root, dir.resolve("www")));
        Cli.Result issued = Cli.runWithState(state, issue.toArray(String[]::new));
        assertThat(issued.code()).as(issued.out() + issued.err()).isZero();
    }

    private static JsonNode deployJson(Path state, String site, String... options) {
        List<String> args = new ArrayList<>(List.of("deploy", "--site", site, "--json"));
        args.addAll(List.of(options));
        Cli.Result result = Cli.runWithState(state, args.toArray(String[]::new));
        assertThat(result.code()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).doesNotContain("live removed");
        return result.json();
    }

    private static Pin current(Path state, String site) throws Exception {
        return new KeyInventory(new StateDirectory(state)).load(site).current().get(0).pin();
    }

    private static Pin probe(int port, String host) throws Exception {
        return new TlsProbe("127.0.0.1", port, host, Duration.ofSeconds(5)).servedLeafPin();
    }
}
