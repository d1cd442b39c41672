package dev.pinkeeper.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.cli.options.SiteOption;
import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.keys.CertificateRequests;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper keys csr}: a PKCS#10 CSR for the site's domains, signed by one of its keys. */
@Command(name = "csr", mixinStandardHelpOptions = true,
        description = "Write a CSR (PEM) for every domain of the site, signed by one of its keys, so that any"
                + " key - a backup too - can be taken to any CA.")
final class KeysCsrCommand implements Callable<Integer> {
    @Mixin
    StateOption stateOption;

    @Mixin
    SiteOption siteOption;

    @Option(names = "--key", paramLabel = "KEY",
            description = "Key id, pin, current, next, current-N, next-N or backup-N (default: current).")
    String key = "current";

    @Option(names = "--out", paramLabel = "FILE", description = "Write the CSR to this new file (default: standard output).")
    Path out;

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() {
        String name = siteOption.name();
        KeyInventory inventory = stateOption.inventory();
        String pem;
        KeyEntry entry;
        List<String> domains;
        try {
            SiteInventory live = inventory.load(name);
            entry = live.find(key);
            domains = live.domains();
            byte[] der = CertificateRequests.create(live.domains(), inventory.keyPair(name, entry), entry.algorithm());
            pem = CertificateRequests.pem(der);
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        } catch (IOException e) {
            throw new UsageException("cannot encode the CSR: " + e.getMessage(), e);
        }
        if (out == null && !jsonOption.json()) {
            System.out.print(pem);
            System.out.flush();
        } else if (out != null) {
            try {
                SafeFiles.writeNew(out, pem.getBytes(StandardCharsets.US_ASCII), SafeFiles.PRIVATE_FILE);
            } catch (FileAlreadyExistsException e) {
                throw new UsageException(out + ": exists already (pinkeeper never overwrites; choose another --out)");
            } catch (IOException e) {
                throw new UsageException(out + ": cannot write: " + Inputs.describe(e));
            }
        }
        if (jsonOption.json()) {
            // {"site":…,"key":…,"pin":…,"domains":[…],"file":…|null,"csr":PEM}
            ObjectNode root = Json.object().put("site", name).put("key", entry.id()).put("pin", entry.pin().base64());
            domains.forEach(root.putArray("domains")::add);
            root.put("file", out == null ? null : out.toString());
            root.put("csr", pem);
            Json.print(root);
        }
        return ExitCode.OK;
    }
}
