package dev.pinkeeper.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.rehearse.FreePorts;
import dev.pinkeeper.rehearse.LocalNginx;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.verify.LiveFetcher;
import dev.pinkeeper.verify.LiveResponse;
import dev.pinkeeper.verify.SiteAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's day two on real pebble and nginx (127.0.0.1), time moved with {@code --at}: {@code status}
 * as the site is deployed, its backups taken offline, its plan changed but not deployed, deployed without
 * the server reloading, a renewal failing; then {@code plan retire} carried out by {@code renew} — nginx
 * serves {@code max-age=0}, prune is refused until the last cached pin expired, then no header at all —
 * and the simulator finds no lockout in the recorded history.
 *
 * <p>Plan: report-only for 0 days, then max-age=86400 (1 day); the gate's margin 1 day.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DayTwoTest {
    private static final String SITE = "shop";
    private static final String HOST = "shop.pinkeeper.test";
    private static final long MAX_AGE = 86_400;

    static Instant t0;
    @TempDir
    static Path dir;
    static Path state;
    static LocalPebble pebble;
    static LocalNginx nginx;
    static int port;
    static List<String> nginxOptions = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next());
        Path root = pebble.writeRoot(dir.resolve("root.pem"));
        state = dir.resolve("state");
        ok(cli("keys", "init", "--site", SITE, "--domain", HOST, "--current", "ec:p256", "--backup", "ec:p256,ec:p384",
                "--simulated-clock"));
        ok(cli("plan", "init", "--site", SITE, "--report-only-days", "0", "--ramp", "1d", "--at", t0.toString()));
        ok(cli("issue", "--site", SITE, "--directory", pebble.directoryUrl().toString(),
                "--acme-trust", pebble.tlsCaFile().toString(), "--roots", root.toString(),
                "--webroot", Files.createDirectories(dir.resolve("www")).toString(), "--target", "none", "--at", t0.toString()));
        port = FreePorts.next();
        Path live = state.resolve("sites").resolve(SITE).resolve("deploy").resolve("live");
        nginx = LocalNginx.start(dir.resolve("nginx"), """
                  server {
                    listen 127.0.0.1:%1$d ssl;
                    ssl_certificate %2$s/fullchain.pem;
                    ssl_certificate_key %2$s/privkey.pem;
                    include %2$s/headers-nginx.conf;
                    location / { return 200 "ok\\n"; }
                  }
                """.formatted(port, live), port);
        nginx.commandLineOptions().forEach(option -> nginxOptions.add("--nginx-option=" + option));
        ok(deployToNginx(t0.plusSeconds(60)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (pebble != null) {
            pebble.close();
        }
    }

    @Test
    @Order(1)
    void statusShowsTheDeployedSiteAndNeedsTheOperatorUntilTheBackupsAreOffline() throws Exception {
        Cli.Result first = cli("status", "--json", "--at", t0.plusSeconds(120).toString());
        assertThat(first.code()).as(first.out() + first.err()).isEqualTo(1);
        JsonNode site = first.json().at("/sites/0");
        assertThat(site.get("site").asText()).isEqualTo(SITE);
        assertThat(kinds(site)).containsExactly("backup-online", "backup-online", "advice");
        assertThat(site.at("/warnings/0/message").asText()).contains("pinkeeper keys backup export --site " + SITE);
        assertThat(roles(site)).containsExactly("current:this-server", "next:this-server", "backup:this-server",
                "backup:this-server");
        assertThat(site.at("/plan/stage/reportOnly").asBoolean()).isTrue();
        assertThat(site.at("/plan/deployed").asBoolean()).isTrue();
        assertThat(site.at("/plan/servedHeaders/0/name").asText()).isEqualTo(PkpHeader.REPORT_ONLY_NAME);
        assertThat(site.at("/plan/nextRampStep/maxAge").asLong()).isEqualTo(MAX_AGE);
        // issue deployed the first release (target none) at t0: the report-only period of 0 days ended there
        assertThat(site.at("/plan/nextRampStep/at").asText()).isEqualTo(t0.toString());
        assertThat(site.at("/plan/rollovers/0/dueAt").asText()).isEqualTo(t0.plus(Duration.ofDays(365)).toString());
        Instant notAfter = Instant.parse(site.at("/certificates/0/notAfter").asText());
        assertThat(notAfter).isAfter(t0);
        assertThat(Instant.parse(site.at("/certificates/0/renewalFrom").asText())).isBefore(notAfter);
        assertThat(site.at("/deployment/target").asText()).isEqualTo("nginx");
        assertThat(site.at("/deployment/serverFollows").asBoolean()).as(site.toString()).isTrue();
        assertThat(site.at("/lastRenewal").isNull()).isTrue();

        Path pass = dir.resolve("pass");
        Files.writeString(pass, "a long enough passphrase\n");
        for (JsonNode key : site.get("keys")) {
            if (key.get("role").asText().equals("backup")) {
                ok(cli("keys", "backup", "export", "--site", SITE, "--key", key.get("id").asText(), "--out",
                        dir.resolve("usb").toString(), "--passphrase-file", pass.toString(), "--offline"));
            }
        }
        Cli.Result clean = cli("status", "--at", t0.plusSeconds(121).toString());
        assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).contains("Site " + SITE + " (" + HOST + ") at ").contains(": ok\n")
                .contains("private half: offline only").contains("server follows: yes")
                .contains("next ramp step: max-age=86400 from " + t0)
                .contains("    - every backup key uses EC");
        assertThat(cli("status", "--site", "nosuch").code()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void aChangeNotDeployedAndAServerThatWasNotReloadedNeedTheOperator() throws Exception {
        ok(cli("plan", "set", "--site", SITE, "--report-uri", "https://reports.pinkeeper.test/pkp", "--at",
                t0.plusSeconds(180).toString()));
        Cli.Result pending = cli("status", "--site", SITE, "--json", "--at", t0.plusSeconds(181).toString());
        assertThat(pending.code()).isEqualTo(1);
        assertThat(kinds(pending.json().at("/sites/0"))).containsExactly("not-deployed", "advice");
        assertThat(pending.json().at("/sites/0/plan/headersToServe/0/value").asText()).contains("reports.pinkeeper.test");

        // a release made live without reloading nginx: the plan records it, the server still sends the old header
        ok(cli("deploy", "--site", SITE, "--target", "none", "--at", t0.plusSeconds(240).toString()));
        Cli.Result stale = cli("status", "--site", SITE, "--json", "--at", t0.plusSeconds(241).toString());
        assertThat(stale.code()).isEqualTo(1);
        JsonNode site = stale.json().at("/sites/0");
        assertThat(kinds(site)).containsExactly("server-does-not-follow", "advice");
        assertThat(site.at("/deployment/serverFollows").asBoolean()).isFalse();
        assertThat(site.at("/deployment/detail").asText()).contains("sends Public-Key-Pins-Report-Only: ")
                .contains("not the deployed");
        assertThat(cli("status", "--site", SITE, "--no-probe", "--at", t0.plusSeconds(241).toString()).code()).isZero();

        ok(deployToNginx(t0.plusSeconds(300)));
        Cli.Result followed = cli("status", "--site", SITE, "--json", "--at", t0.plusSeconds(301).toString());
        assertThat(followed.code()).as(followed.out()).isZero();
        assertThat(followed.json().at("/sites/0/deployment/serverFollows").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void aFailedRenewalIsAWarningUntilARenewalSucceeds() throws Exception {
        Path config = nginx.config();
        Path aside = config.resolveSibling("aside.conf");
        Files.move(config, aside);
        try {
            assertThat(cli("renew", "--at", t0.plusSeconds(360).toString()).code()).isEqualTo(1);
        } finally {
            Files.move(aside, config);
        }
        Cli.Result failed = cli("status", "--json", "--at", t0.plusSeconds(361).toString());
        assertThat(failed.code()).isEqualTo(1);
        JsonNode site = failed.json().at("/sites/0");
        assertThat(kinds(site)).containsExactly("renew-failed", "advice");
        assertThat(site.at("/lastRenewal/outcome").asText()).isEqualTo("failed");
        assertThat(site.at("/warnings/0/message").asText()).contains(config.getFileName().toString());

        // the due ramp step to max-age=86400, deployed to nginx
        Cli.Result renewed = cli("renew", "--at", t0.plusSeconds(420).toString());
        assertThat(renewed.code()).as(renewed.out() + renewed.err()).isZero();
        Cli.Result done = cli("status", "--json", "--at", t0.plusSeconds(421).toString());
        assertThat(done.code()).as(done.out()).isZero();
        assertThat(done.json().at("/sites/0/lastRenewal/outcome").asText()).isEqualTo("done");
        assertThat(done.json().at("/sites/0/plan/stage/maxAge").asLong()).isEqualTo(MAX_AGE);
        assertThat(served(PkpHeader.NAME)).endsWith("max-age=" + MAX_AGE + "; report-uri=\"https://reports.pinkeeper.test/pkp\"");
    }

    @Test
    @Order(4)
    void aRetiredPlanIsCarriedOutByRenewMaxAgeZeroThenNoHeaderAndNobodyIsLockedOut() throws Exception {
        Instant retired = t0.plus(Duration.ofHours(3));
        ok(cli("plan", "retire", "--site", SITE, "--at", retired.toString()));
        Instant zero = retired.plusSeconds(60);
        Cli.Result renewed = cli("renew", "--at", zero.toString());
        assertThat(renewed.code()).as(renewed.out() + renewed.err()).isZero();
        assertThat(served(PkpHeader.NAME)).contains("max-age=0");
        Instant expire = zero.minusSeconds(1).plusSeconds(MAX_AGE).plus(Duration.ofDays(1));
        Cli.Result retiring = cli("status", "--json", "--at", zero.plusSeconds(1).toString());
        assertThat(retiring.code()).as(retiring.out()).isZero();
        JsonNode site = retiring.json().at("/sites/0");
        assertThat(site.at("/plan/retirement/pinsExpireAt").asText()).isEqualTo(expire.toString());
        assertThat(kinds(site)).contains("retiring");
        assertThat(site.at("/deployment/serverFollows").asBoolean()).isTrue();
        Cli.Result early = cli("keys", "prune", "--site", SITE, "--retired-before", expire.toString(), "--yes",
                "--at", expire.minusSeconds(1).toString());
        assertThat(early.code()).isEqualTo(1);
        assertThat(early.out()).contains("allowed from: " + expire);
        // renew finds nothing to do until then: the max-age=0 header is what the plan serves
        assertThat(cli("renew", "--at", expire.minusSeconds(1).toString()).out()).contains("nothing due");

        Cli.Result stopped = cli("renew", "--at", expire.toString());
        assertThat(stopped.code()).as(stopped.out() + stopped.err()).isZero();
        LiveResponse response = fetch();
        assertThat(response.values(PkpHeader.NAME)).isEmpty();
        assertThat(response.values(PkpHeader.REPORT_ONLY_NAME)).isEmpty();
        assertThat(response.values("Strict-Transport-Security")).isNotEmpty();
        Cli.Result over = cli("status", "--json", "--at", expire.plusSeconds(1).toString());
        assertThat(over.code()).as(over.out()).isZero();
        assertThat(over.json().at("/sites/0/plan/servedHeaders")).isEmpty();
        assertThat(over.json().at("/sites/0/deployment/serverFollows").asBoolean()).isTrue();
        assertThat(cli("keys", "prune", "--site", SITE, "--retired-before", expire.toString(), "--yes",
                "--at", expire.plusSeconds(2).toString()).code()).isZero();

        Path history = dir.resolve("history.json");
        Files.writeString(history, cli("plan", "history", "--site", SITE).out());
        Cli.Result simulated = Cli.run("simulate", history.toString());
        assertThat(simulated.code()).as(simulated.out()).isZero();
    }

    private static Cli.Result deployToNginx(Instant at) {
        List<String> deploy = new ArrayList<>(List.of("deploy", "--site", SITE, "--target", "nginx",
                "--nginx-conf", nginx.config().toString(), "--probe", "127.0.0.1:" + port, "--at", at.toString()));
        deploy.addAll(nginxOptions);
        return cli(deploy.toArray(String[]::new));
    }

    private static List<String> kinds(JsonNode site) {
        List<String> kinds = new ArrayList<>();
        site.get("warnings").forEach(w -> kinds.add(w.get("kind").asText()));
        return kinds;
    }

    private static List<String> roles(JsonNode site) {
        List<String> roles = new ArrayList<>();
        site.get("keys").forEach(k -> roles.add(k.get("role").asText() + ":" + k.get("privateHalf").asText()));
        return roles;
    }

    private static LiveResponse fetch() throws Exception {
        return new LiveFetcher().connectTo("127.0.0.1").fetch(SiteAddress.parse("https://" + HOST + ":" + port + "/"));
    }

    private static String served(String header) throws Exception {
        return fetch().values(header).get(0);
    }

    private static void ok(Cli.Result result) {
        assertThat(result.code()).as(result.out() + result.err()).isZero();
    }

    private static Cli.Result cli(String... args) {
        return Cli.runWithState(state, args);
    }
}
