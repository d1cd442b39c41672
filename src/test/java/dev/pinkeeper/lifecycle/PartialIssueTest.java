package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.rehearse.FreePorts;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code issue} for a site with two current keys (RSA and EC) where the CA certifies one and the order for the
 * other fails (its dns-01 hook fails the second time, on real pebble): the result says which key got a
 * certificate and which did not and why, exit 1, the certificate issued and the settings it was issued with are
 * kept, nothing is deployed; the next issue keeps that certificate and orders only the other one.
 */
class PartialIssueTest {
    private static final String SITE = "dual";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aKeyThatGotNoCertificateIsNamedAndTheOneThatDidIsKept() throws Exception {
        Path state = dir.resolve("state");
        Path hook = secondAddFails();
        try (LocalPebble pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next())) {
            KeyInventory inventory = new KeyInventory(new StateDirectory(state));
            SiteInventory keys = dualSite(state, inventory);
            KeyEntry first = keys.current().get(0);
            KeyEntry second = keys.current().get(1);
            SiteLayout paths = inventory.layout(SITE);
            Cli.Result text = Cli.runWithState(state, issue(pebble, hook, "--target", "none"));
            assertThat(text.code()).as(text.out() + text.err()).isEqualTo(1);
            assertThat(text.out()).contains("issued: current key " + first.id())
                    .contains("failed: current key " + second.id() + " got no certificate from the primary CA: ")
                    .contains("no DNS zone for dual.pinkeeper.test").contains("not deployed: ");
            assertThat(paths.certificate(first.id())).exists();
            assertThat(paths.certificate(second.id())).doesNotExist();
            assertThat(Files.readString(paths.acmeSettings())).contains(pebble.directoryUrl().toString())
                    .contains("dns-01");
            assertThat(paths.directory().resolve("deploy").resolve("live")).doesNotExist();
            String firstCertificate = Files.readString(paths.certificate(first.id()));

            // the next run keeps the first key's certificate (valid, not due) and orders the second one only
            Cli.Result json = Cli.runWithState(state, "issue", "--site", SITE, "--json");
            assertThat(json.code()).as(json.out() + json.err()).isZero();
            JsonNode document = JSON.readTree(json.out());
            assertThat(document.get("issued")).hasSize(1);
            assertThat(document.at("/issued/0/key").asText()).isEqualTo(second.id());
            assertThat(document.get("failed")).isEmpty();
            assertThat(json.err()).contains("kept: the certificate of current key " + first.id());
            assertThat(Files.readString(paths.certificate(first.id()))).isEqualTo(firstCertificate);
            assertThat(paths.certificate(second.id())).exists();
        }
    }

    @Test
    void theJsonDocumentNamesTheKeyThatFailedAndWhy() throws Exception {
        Path state = dir.resolve("state");
        Path hook = secondAddFails();
        try (LocalPebble pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next())) {
            SiteInventory keys = dualSite(state, new KeyInventory(new StateDirectory(state)));
            Cli.Result json = Cli.runWithState(state, issue(pebble, hook, "--target", "none", "--json"));
            assertThat(json.code()).as(json.out() + json.err()).isEqualTo(1);
            JsonNode document = JSON.readTree(json.out());
            assertThat(document.at("/issued/0/key").asText()).isEqualTo(keys.current().get(0).id());
            assertThat(document.at("/failed/0/key").asText()).isEqualTo(keys.current().get(1).id());
            assertThat(document.at("/failed/0/reason").asText()).contains("no DNS zone for dual.pinkeeper.test");
            assertThat(document.at("/notDeployed").asText()).contains("1 of the keys got no certificate");
        }
    }

    /** A site with two current keys (RSA and EC). */
    private static SiteInventory dualSite(Path state, KeyInventory inventory) throws Exception {
        ok(Cli.runWithState(state, "keys", "init", "--site", SITE, "--domain", "dual.pinkeeper.test",
                "--current", "rsa:2048,ec:p256", "--backup", "rsa:2048,ec:p256"));
        SiteInventory keys = inventory.load(SITE);
        assertThat(keys.current()).hasSize(2);
        return keys;
    }

    /** {@code issue} for the site at {@code pebble}, dns-01 through {@code hook}, with {@code more} options. */
    private String[] issue(LocalPebble pebble, Path hook, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("issue", "--site", SITE, "--directory",
                pebble.directoryUrl().toString(), "--acme-trust", pebble.tlsCaFile().toString(), "--roots",
                pebble.writeRoot(dir.resolve("root.pem")).toString(), "--challenge", "dns-01", "--dns-hook",
                hook.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** A dns-01 hook that sets nothing (pebble takes every challenge as valid) and fails its second "add" only. */
    private Path secondAddFails() throws Exception {
        Path hook = dir.resolve("dns-hook");
        Path adds = dir.resolve("adds");
        Files.writeString(hook, """
                #!/bin/sh
                [ "$1" = add ] || exit 0
                echo x >> %s
                [ "$(wc -l < %s)" -ne 2 ] || { echo "no DNS zone for $2" >&2; exit 7; }
                """.formatted(adds, adds));
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
        return hook;
    }

    private static void ok(Cli.Result result) {
        assertThat(result.code()).as(result.out() + result.err()).isZero();
    }
}
