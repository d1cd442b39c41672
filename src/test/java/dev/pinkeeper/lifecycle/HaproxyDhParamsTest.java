package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.files.Pem;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Haproxy;
import dev.pinkeeper.testing.HaproxyDaemon;
import dev.pinkeeper.testing.Pebble;
import dev.pinkeeper.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.DHParameter;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DH parameters in the HAProxy bundle, on a real HAProxy (pid-file reloads) serving an RSA key: a DHE
 * handshake uses the site's group (ffdhe3072, then a PEM file of ffdhe4096) instead of HAProxy's default
 * 2048 bits; a change of the parameters alone makes a new release and a reload; weak or foreign parameters
 * are refused (exit 2) before anything is written.
 */
class HaproxyDhParamsTest {
    private static final String SITE = "dh";
    private static final String HOST = "dh.pinkeeper.test";

    @TempDir
    Path dir;

    @Test
    void theBundleCarriesTheSitesDhParametersAndHaproxyUsesThem() throws Exception {
        Path state = dir.resolve("state");
        try (LocalPebble pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next())) {
            Path root = pebble.writeRoot(dir.resolve("root.pem"));
            ok(cli(state, "keys", "init", "--site", SITE, "--domain", HOST, "--current", "rsa:2048",
                    "--backup", "rsa:2048,ec:p256"));
            List<String> issue = new ArrayList<>(List.of("issue", "--site", SITE, "--target", "none"));
            issue.addAll(Pebble.issueOptions(pebble, root, dir.resolve("www")));
            ok(cli(state, issue.toArray(String[]::new)));
            Path live = state.resolve("sites").resolve(SITE).resolve("deploy/live");
            int port = FreePorts.next();
            try (HaproxyDaemon haproxy = HaproxyDaemon.start(dir.resolve("haproxy"), """
                    frontend site
                      bind 127.0.0.1:%d ssl crt %s/haproxy.pem
                    %s
                      http-request return status 200 content-type text/plain string ok
                    """.formatted(port, live, Haproxy.headersFromMap(live.resolve("headers-haproxy.map"))), port)) {
                List<String> target = List.of("--target", "haproxy", "--haproxy-cfg", haproxy.config().toString(),
                        "--haproxy-pid-file", haproxy.pidFile().toString());
                ok(deploy(state, target));
                assertThat(dheKeyBits(port)).isEqualTo(2048); // tune.ssl.default-dh-param

                Cli.Result group = deploy(state, target, "--dh-params", "ffdhe3072");
                ok(group);
                assertThat(group.out()).startsWith("deployed").contains("haproxy reloaded");
                assertThat(Files.readString(live.resolve("haproxy.pem")))
                        .endsWith(Processes.ok(dir, "openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe3072"));
                assertThat(dheKeyBits(port)).isEqualTo(3072);
                Cli.Result same = deploy(state, List.of());
                ok(same);
                assertThat(same.out()).startsWith("unchanged");

                // only the parameters change: a new release and a reload
                Path file = dir.resolve("dhparams.pem");
                Processes.ok(dir, "openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe4096 -out " + file);
                List<String> releases = releases(state);
                Cli.Result fromFile = deploy(state, List.of("--dh-params", file.toString()));
                ok(fromFile);
                assertThat(fromFile.out()).startsWith("deployed").contains("haproxy reloaded");
                assertThat(releases(state)).hasSize(releases.size() + 1);
                assertThat(dheKeyBits(port)).isEqualTo(4096);

                // refused before anything is written: weak, not DH, missing
                Path weak = Files.writeString(dir.resolve("weak.pem"), Pem.block("DH PARAMETERS", new DHParameter(
                        DHStandardGroups.rfc2409_1024.getP(), DHStandardGroups.rfc2409_1024.getG(), 0).getEncoded()));
                Path deploySettings = state.resolve("sites").resolve(SITE).resolve("deploy.json");
                String settingsBefore = Files.readString(deploySettings);
                releases = releases(state);
                Cli.Result refused = deploy(state, List.of("--dh-params", weak.toString()));
                assertThat(refused.code()).isEqualTo(2);
                assertThat(refused.err()).contains("--dh-params: " + weak + ": a 1024-bit DH prime is too weak");
                assertThat(deploy(state, List.of("--dh-params", root.toString())).err())
                        .contains("not a PEM file of DH PARAMETERS (it holds [CERTIFICATE])");
                assertThat(deploy(state, List.of("--dh-params", dir.resolve("nosuch.pem").toString())).err())
                        .contains("cannot read " + dir.resolve("nosuch.pem") + ": no such file");
                assertThat(releases(state)).isEqualTo(releases);
                assertThat(Files.readString(deploySettings)).isEqualTo(settingsBefore);
                assertThat(dheKeyBits(port)).isEqualTo(4096);

                ok(deploy(state, List.of("--dh-params", "none")));
                assertThat(Files.readString(live.resolve("haproxy.pem"))).doesNotContain("DH PARAMETERS");
                assertThat(dheKeyBits(port)).isEqualTo(2048);
            }
        }
    }

    /** The size of the DH key HAProxy uses in a DHE-RSA handshake (openssl s_client's "Server Temp Key"). */
    private int dheKeyBits(int port) {
        String out = Processes.ok(dir, "openssl s_client -connect 127.0.0.1:" + port + " -servername " + HOST
                + " -tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256 </dev/null 2>&1");
        String line = out.lines().filter(l -> l.startsWith("Server Temp Key: DH, ")).findFirst()
                .orElseThrow(() -> new AssertionError("no DHE handshake: " + out));
        return Integer.parseInt(line.replaceAll("Server Temp Key: DH, (\\d+) bits.*", "$1"));
    }

    private static Cli.Result deploy(Path state, List<String> options, String... more) {
        List<String> args = new ArrayList<>(List.of("deploy", "--site", SITE));
        args.addAll(options);
        args.addAll(List.of(more));
        return cli(state, args.toArray(String[]::new));
    }

    private static List<String> releases(Path state) throws Exception {
        try (var list = Files.list(state.resolve("sites/" + SITE + "/deploy/releases"))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void ok(Cli.Result result) {
        assertThat(result.code()).as(result.out() + result.err()).isZero();
    }

    private static Cli.Result cli(Path state, String... args) {
        return Cli.runWithState(state, args);
    }
}
