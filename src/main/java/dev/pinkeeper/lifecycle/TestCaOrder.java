package dev.pinkeeper.lifecycle;

import dev.pinkeeper.acme.AcmeDirectories;
import dev.pinkeeper.acme.ChallengeSolver;
import dev.pinkeeper.acme.IssuanceException;
import dev.pinkeeper.acme.IssuedCertificate;
import dev.pinkeeper.acme.Issuer;
import dev.pinkeeper.acme.IssuerSettings;
import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;
import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A dry run's proof that the whole ACME path works: a real certificate ordered from a <em>test</em> CA (a
 * staging directory the operator names), for the site's own keys and domains, through the site's own
 * challenge setup (webroot, standalone listener or DNS hook), then checked and thrown away.
 * <p>
 * Never a production CA: the directory is refused when it is a known production directory or one of the
 * site's own CAs. The test account's key lives in a private temporary folder that is deleted afterwards;
 * nothing is written to the state directory and no certificate is kept. The challenge responses are
 * written where the site's challenge setup writes them, and removed, as in a real order.
 */
public final class TestCaOrder {
    /** Directories that issue publicly trusted certificates: never a test CA. */
    private static final Set<URI> PRODUCTION = Set.of(AcmeDirectories.LETSENCRYPT, AcmeDirectories.ZEROSSL,
            AcmeDirectories.GOOGLE, AcmeDirectories.SSLCOM, AcmeDirectories.SSLCOM_RSA);

    /** One certificate the test CA issued (and that was discarded). */
    public record TestCertificate(String keyId, String serial, Instant notAfter, String issuer) {
    }

    /** Where the test CA is: its directory and, for a private test CA, the CA file its TLS is trusted with. */
    public record TestCa(String directory, Path acmeTrust) {
    }

    private final KeyInventory inventory;

    public TestCaOrder(KeyInventory inventory) {
        this.inventory = inventory;
    }

    /**
     * Checks that {@code ca} may serve as the test CA of {@code site} whose settings are {@code settings}:
     * a directory name or URL that is neither a production CA nor one of the site's own CAs.
     *
     * @return the test CA's directory URL
     * @throws PinkeeperException (usage) naming the directory when it may not be used
     */
    public static URI check(TestCa ca, AcmeSettings settings) {
        URI directory;
        try {
            directory = AcmeDirectories.resolve(ca.directory());
        } catch (IllegalArgumentException e) {
            throw new PinkeeperException(ErrorKind.USAGE, "the test CA: " + e.getMessage());
        }
        if (PRODUCTION.contains(directory)) {
            throw new PinkeeperException(ErrorKind.USAGE, "the test CA " + directory + " is a production CA: a dry"
                    + " run orders certificates only from a staging CA (such as letsencrypt-staging)");
        }
        for (String own : List.of("primary", "backup")) {
            CaSettings site = own.equals("primary") ? settings.primary() : settings.backup();
            if (site != null && site.directory() != null && AcmeDirectories.resolve(site.directory()).equals(directory)) {
                throw new PinkeeperException(ErrorKind.USAGE, "the test CA " + directory + " is the site's " + own
                        + " CA: a dry run orders nothing from the site's own CAs; name a staging CA");
            }
        }
        if (ca.acmeTrust() != null && !Files.isReadable(ca.acmeTrust())) {
            throw new PinkeeperException(ErrorKind.USAGE, "the test CA's TLS trust file " + ca.acmeTrust()
                    + " cannot be read");
        }
        return directory;
    }

    /**
     * {@link #check} against the saved settings of {@code site} in {@code inventory}; settings that cannot be
     * read are left to the run, which fails that site saying why.
     */
    public static void check(TestCa ca, KeyInventory inventory, String site) {
        try {
            check(ca, new SiteSettingsStore(inventory.layout(site)).acme());
        } catch (java.io.IOException e) {
            // unreadable settings fail that site's run, which says why
        }
    }

    /**
     * Orders one certificate per key in {@code keys} from the test CA {@code ca} for the domains of
     * {@code site}, answering the challenges as {@code settings} say; checks that each certifies its key and
     * every domain, and discards it.
     *
     * @throws IssuanceException when the test CA refuses, a challenge fails or a certificate does not match
     */
    public List<TestCertificate> order(String site, List<KeyEntry> keys, AcmeSettings settings, TestCa ca)
            throws InventoryException, IssuanceException {
        URI directory = check(ca, settings);
        SiteInventory live = inventory.load(site);
        Path account = null;
        try {
            account = Files.createTempDirectory("pinkeeper-test-ca-");
            SafeFiles.privateDirectory(account);
            Issuer issuer = new Issuer(new IssuerSettings(directory, account.resolve("account"), ca.acmeTrust(),
                    List.of(), Duration.ofMinutes(2), null, null));
            List<TestCertificate> issued = new ArrayList<>();
            try (ChallengeSolver solver = SiteIssuer.solver(settings)) {
                for (KeyEntry key : keys) {
                    IssuedCertificate certificate = issuer.issue(inventory.keyPair(site, key), live.domains(), solver);
                    if (!certificate.leafPin().equals(key.pin())) {
                        throw new IssuanceException("the test CA " + directory + " certified another key than key "
                                + key.id());
                    }
                    issued.add(new TestCertificate(key.id(), SiteIssuer.serial(certificate.leaf()),
                            certificate.leaf().getNotAfter().toInstant(),
                            certificate.leaf().getIssuerX500Principal().getName()));
                }
            }
            return issued;
        } catch (IOException e) {
            throw new IssuanceException("the test CA order: " + e.getMessage(), e);
        } finally {
            deleteQuietly(account);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary folder left behind holds only the throwaway test account's key, 0600 in 0700
        }
    }
}
