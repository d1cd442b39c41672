package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinkeeper.deploy.TlsProbe;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.pin.PkpHeaderParser;
import dev.pinkeeper.pin.UserAgent;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.rehearse.FreePorts;
import dev.pinkeeper.rehearse.LocalNginx;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.Nginx;
import dev.pinkeeper.testing.Pebble;
import dev.pinkeeper.testing.TlsClients;
import dev.pinkeeper.verify.LiveFetcher;
import dev.pinkeeper.verify.SiteAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A current key added to a site that already serves an enforcing header (30-day max-age), on real pebble
 * and nginx: renew publishes its pin at once while the old key alone is served, says what it waits for
 * and until when, and serves the new key once every cached header pins it. Nothing stalls: before the fix,
 * renew issued for the new key, the deployment was refused ("failed") and every later renew said "nothing
 * due" while the live header kept the old pins.
 */
class KeyAddedLaterTest {
    private static final String SITE = "s2";
    private static final String HOST = "s2.pinkeeper.test";
    private static final long THIRTY_DAYS = 2_592_000;

    @TempDir
    Path dir;

    @Test
    void aKeyAddedLaterIsPublishedFirstThenServedOnceEveryCachedHeaderPinsIt() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path state = dir.resolve("state");
        try (LocalPebble pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next())) {
            Path root = pebble.writeRoot(dir.resolve("root.pem"));
            ok(cli(state, "keys", "init", "--simulated-clock", "--site", SITE, "--domain", HOST, "--current", "ec:p256",
                    "--backup", "rsa:2048,ec:p256"));
            ok(cli(state, "plan", "init", "--site", SITE, "--report-only-days", "0", "--ramp", "30d",
                    "--report-uri", "https://reports.pinkeeper.test/hpkp", "--at", t0.toString()));
            List<String> issue = new ArrayList<>(List.of("issue", "--site", SITE, "--target", "none", "--at", t0.toString()));
            issue.addAll(Pebble.issueOptions(pebble, root, dir.resolve("www")));
            ok(cli(state, issue.toArray(String[]::new)));
            int port = FreePorts.next();
            Path live = state.resolve("sites").resolve(SITE).resolve("deploy").resolve("live");
            try (LocalNginx nginx = LocalNginx.start(dir.resolve("nginx"), Nginx.releaseServer(port, live), port)) {
                List<String> deploy = new ArrayList<>(List.of("deploy", "--site", SITE, "--probe", "127.0.0.1:" + port,
                        "--at", t0.plusSeconds(60).toString()));
                deploy.addAll(Nginx.targetOptions(nginx.config(), nginx.commandLineOptions()));
                ok(cli(state, deploy.toArray(String[]::new)));
                Cli.Result ramp = cli(state, "renew", "--at", t0.plus(Duration.ofHours(1)).toString());
                ok(ramp);
                assertThat(ramp.out()).contains("ramp step to max-age=" + THIRTY_DAYS);
                KeyInventory inventory = new KeyInventory(new StateDirectory(state));
                Pin ec = inventory.load(SITE).current().get(0).pin();
                assertThat(served(port, PkpHeader.NAME).pins()).hasSize(4);

                ok(cli(state, "keys", "add-current", "--site", SITE, "--algorithm", "rsa:2048"));
                SiteInventory six = inventory.load(SITE);
                KeyEntry rsa = six.current().get(1);
                assertThat(six.pins()).hasSize(6);

                // the pin is published at once, the new key is not served yet, and renew says until when
                Instant added = t0.plus(Duration.ofHours(2));
                Cli.Result published = cli(state, "renew", "--json", "--at", added.toString());
                assertThat(published.code()).as(published.out() + published.err()).isZero();
                JsonNode first = published.json().at("/sites/0");
                assertThat(first.get("outcome").asText()).as(first.toString()).isEqualTo("done");
                Instant safe = added.minusSeconds(1).plusSeconds(THIRTY_DAYS).plus(Duration.ofDays(1));
                assertThat(first.get("message").asText()).contains("nginx reloaded")
                        .contains("current key " + rsa.id() + " is served from " + safe);
                assertThat(first.get("waitUntil").asText()).isEqualTo(safe.toString());
                PkpHeader header = served(port, PkpHeader.NAME);
                assertThat(header.pins()).containsExactlyInAnyOrderElementsOf(six.pins());
                assertThat(header.maxAge()).isEqualTo(THIRTY_DAYS);
                assertThat(probe(port)).isEqualTo(ec);
                Cli.Result show = cli(state, "plan", "show", "--site", SITE, "--at", added.plusSeconds(30).toString());
                assertThat(show.out()).contains("These are recorded as served.")
                        .contains("held back: current key " + rsa.id());

                // later runs wait, saying for what and until when, and change nothing
                List<String> releases = releases(state);
                int planVersion = new PlanService(inventory).load(SITE).version();
                Cli.Result waiting = cli(state, "renew", "--at", added.plus(Duration.ofDays(3)).toString());
                assertThat(waiting.code()).as(waiting.out() + waiting.err()).isZero();
                assertThat(waiting.out()).contains(SITE + ": waiting: current key " + rsa.id() + " is served from "
                        + safe + ", once every header still cached pins it (published since " + added + ")")
                        .contains("1 waiting");
                Cli.Result waitingJson = cli(state, "renew", "--json", "--at", safe.minusSeconds(1).toString());
                assertThat(waitingJson.json().at("/sites/0/outcome").asText()).isEqualTo("waiting");
                assertThat(waitingJson.json().at("/sites/0/waitUntil").asText()).isEqualTo(safe.toString());
                assertThat(releases(state)).isEqualTo(releases);
                assertThat(new PlanService(inventory).load(SITE).version()).isEqualTo(planVersion);

                // from then on both keys are served; a server config that reads fullchain.pem keeps the old one
                Cli.Result both = cli(state, "renew", "--at", safe.toString());
                assertThat(both.code()).as(both.out() + both.err()).isZero();
                assertThat(both.out()).contains("serves current key " + rsa.id() + " from now").contains("nginx reloaded");
                Path release = live.toRealPath();
                assertThat(release.resolve("fullchain-rsa.pem")).exists();
                assertThat(release.resolve("fullchain-ecdsa.pem")).exists();
                assertThat(probe(port)).isEqualTo(ec);
                assertThat(new PlanService(inventory).view(SITE, safe.plusSeconds(1)).servedChains())
                        .extracting(c -> c.leaf()).containsExactlyInAnyOrder(ec, rsa.pin());
                Cli.Result nothing = cli(state, "renew", "--at", safe.plusSeconds(60).toString());
                assertThat(nothing.out()).contains(SITE + ": nothing due");

                // the operator gives nginx both certificates: the RSA key is served to RSA-only clients
                Files.writeString(nginx.config(), Files.readString(nginx.config())
                        .replace(live + "/fullchain.pem;", live + "/fullchain-ecdsa.pem;\n"
                                + "    ssl_certificate " + live + "/fullchain-rsa.pem;\n"
                                + "    ssl_certificate_key " + live + "/privkey-rsa.pem;")
                        .replace(live + "/privkey.pem;", live + "/privkey-ecdsa.pem;"));
                Cli.Result reloaded = cli(state, "deploy", "--site", SITE, "--at", safe.plusSeconds(120).toString());
                assertThat(reloaded.code()).as(reloaded.out() + reloaded.err()).isZero();
                assertThat(reloaded.out()).contains("nginx reloaded");
                TlsClients.Result rsaClient = TlsClients.curl("https://" + HOST + ":" + port + "/", root,
                        List.of(rsa.pin().base64()), "--resolve", HOST + ":" + port + ":127.0.0.1", "--tls-max", "1.2",
                        "--ciphers", "ECDHE-RSA-AES128-GCM-SHA256");
                assertThat(rsaClient.status()).as(rsaClient.output()).isZero();
            }
        }
    }

    private static List<String> releases(Path state) throws Exception {
        try (var list = Files.list(state.resolve("sites/" + SITE + "/deploy/releases"))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Pin probe(int port) throws Exception {
        return new TlsProbe("127.0.0.1", port, HOST, Duration.ofSeconds(5)).servedLeafPin();
    }

    private static PkpHeader served(int port, String name) throws Exception {
        String value = new LiveFetcher().connectTo("127.0.0.1")
                .fetch(SiteAddress.parse("https://" + HOST + ":" + port + "/")).values(name).get(0);
        return PkpHeaderParser.parse(UserAgent.RFC, value, false).header();
    }

    private static void ok(Cli.Result result) {
        assertThat(result.code()).as(result.out() + result.err()).isZero();
    }

    private static Cli.Result cli(Path state, String... args) {
        return Cli.runWithState(state, args);
    }
}
