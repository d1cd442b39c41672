package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every private key pinkeeper reads from disk (the inventory's, {@code deploy --privkey}, a certbot
 * lineage's, the ACME account key) must be the user's own and private: a key file that group or others
 * can use, or that another user owns, is refused (exit 2) with the exact command that fixes it.
 */
class PrivateKeyFileChecksTest {
    private static final int NOBODY = 65534;

    @TempDir
    Path dir;
    Path state;
    Path chain;
    Path key;

    @BeforeEach
    void site() throws Exception {
        state = dir.resolve("state");
        Cli.initSite(state, "s", "s.pinkeeper.test");
        TestPki.ChainFiles files = TestPki.writeChainFiles(dir, "Other CA", "s.pinkeeper.test");
        chain = files.fullchain();
        key = files.privkey();
    }

    private Cli.Result deployExternal() {
        return Cli.runWithState(state, "deploy", "--site", "s", "--fullchain", chain.toString(), "--privkey", key.toString());
    }

    @Test
    void deployRefusesAPrivkeyGroupOrOthersCanReadWithTheChmodThatFixesIt() throws Exception {
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Cli.Result refused = deployExternal();
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.errLines()).singleElement().asString().startsWith("pinkeeper: ").contains(key + ": private key")
                .endsWith("fix it with: chmod 600 " + key);

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Cli.Result checked = deployExternal();
        assertThat(checked.code()).as("a private key file passes; the foreign key is then refused").isEqualTo(1);
        assertThat(checked.out()).contains("is not a key site s pins");
    }

    @Test
    void deployRefusesAPrivkeyAnotherUserOwnsWithTheChownThatFixesIt() throws Exception {
        assumeTrue(isRoot(), "only root can give a file to another user");
        Files.setAttribute(key, "unix:uid", NOBODY);
        Cli.Result refused = deployExternal();
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.errLines()).singleElement().asString().startsWith("pinkeeper: ").contains(key + ": private key")
                .contains("another user (uid " + NOBODY + ")").endsWith("fix it with: chown $(id -un) " + key);
    }

    @Test
    void bothProblemsAreFixedByOneCommandLine() throws Exception {
        assumeTrue(isRoot(), "only root can give a file to another user");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.setAttribute(key, "unix:uid", NOBODY);
        Cli.Result refused = deployExternal();
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().strip()).endsWith("fix it with: chown $(id -un) " + key + " && chmod 600 " + key);
    }

    @Test
    void theCertbotLineageSymlinksArePassedToThePrivateFileTheyName() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("archive"));
        Path lineage = Files.createDirectories(dir.resolve("live"));
        Files.move(chain, archive.resolve("fullchain1.pem"));
        Files.move(key, archive.resolve("privkey1.pem"));
        Files.setPosixFilePermissions(archive.resolve("privkey1.pem"), PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(lineage.resolve("fullchain.pem"), Path.of("../archive/fullchain1.pem"));
        Files.createSymbolicLink(lineage.resolve("privkey.pem"), Path.of("../archive/privkey1.pem"));
        DeployCommand command = new DeployCommand();
        command.environment = java.util.Map.of("RENEWED_LINEAGE", lineage.toString());
        new picocli.CommandLine(command).parseArgs("--site", "s", "--certbot-hook", "--state", state.toString());
        assertThat(command.call()).as("the key is private: the certificate is then refused as a foreign key").isEqualTo(1);

        Path target = archive.resolve("privkey1.pem");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        org.assertj.core.api.Assertions.assertThatThrownBy(command::call).isInstanceOf(UsageException.class)
                .hasMessageEndingWith("fix it with: chmod 600 " + lineage.resolve("privkey.pem"));
    }

    @Test
    void theInventorysPrivateKeyOwnedByAnotherUserIsRefused() throws Exception {
        assumeTrue(isRoot(), "only root can give a file to another user");
        JsonNode current = new ObjectMapper().readTree(Cli.runWithState(state, "keys", "list", "--json").out())
                .path("sites").get(0).path("keys").get(0);
        Path file = state.resolve("sites/s/keys").resolve(current.path("id").asText()).resolve("private.pem");
        Files.setAttribute(file, "unix:uid", NOBODY);
        Cli.Result refused = Cli.runWithState(state, "keys", "csr", "--site", "s");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.errLines()).singleElement().asString().endsWith("fix it with: chown $(id -un) " + file);
        assertThat(refused.out()).isEmpty();
    }

    private static boolean isRoot() throws Exception {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }
}
