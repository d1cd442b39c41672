package dev.pinkeeper.cli;

import dev.pinkeeper.lifecycle.TestCaOrder;
import dev.pinkeeper.site.SiteTransaction;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --test-ca} and {@code --test-ca-acme-trust}: in a dry run, also order a real certificate from a
 * staging CA through the site's own challenge setup (see {@link TestCaOrder}), then discard it.
 */
final class TestCaOptions {
    @Option(names = "--test-ca", paramLabel = "URL|NAME",
            description = "With --dry-run: also order a certificate for each key from this staging CA (such as"
                    + " letsencrypt-staging; never a production CA or the site's own) through the site's challenge"
                    + " setup, check it and discard it: proves the whole path without touching the real CA.")
    String directory;

    @Option(names = "--test-ca-acme-trust", paramLabel = "FILE",
            description = "The test CA: PEM CA file to trust for its ACME server's TLS (a private staging CA).")
    Path acmeTrust;

    /** The test CA given, or null; refused unless the command runs as a dry run. */
    TestCaOrder.TestCa given() {
        if (directory == null) {
            if (acmeTrust != null) {
                throw new UsageException("--test-ca-acme-trust: give --test-ca too");
            }
            return null;
        }
        if (!SiteTransaction.dryRunRequested()) {
            throw new UsageException("--test-ca orders a test certificate only in a dry run: add --dry-run");
        }
        return new TestCaOrder.TestCa(directory, acmeTrust);
    }
}
