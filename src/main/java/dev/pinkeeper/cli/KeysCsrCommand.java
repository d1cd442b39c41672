package dev.pinkeeper.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.cli.options.SiteOption;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.SiteCsr;
import dev.pinkeeper.pin.Pin;
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
        SiteCsr csr;
        try {
            csr = SiteCsr.of(stateOption.inventory(), name, key);
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        }
        if (out == null && !jsonOption.json()) {
            System.out.print(csr.pem());
            System.out.flush();
        } else if (out != null) {
            try {
                csr.writeNew(out);
            } catch (FileAlreadyExistsException e) {
                throw new UsageException(out + ": exists already (pinkeeper never overwrites; choose another --out)");
            } catch (IOException e) {
                throw new UsageException(out + ": cannot write: " + Inputs.describe(e));
            }
        }
        if (jsonOption.json()) {
            Json.print(new Document(name, csr.key().id(), csr.key().pin(), csr.domains(), out, csr.pem()));
        }
        return ExitCode.OK;
    }

    /** The JSON document: the key that signed the CSR, its domains, the file written (or null) and the PEM. */
    record Document(String site, String key, Pin pin, List<String> domains, Path file, String csr) {
    }
}
