package dev.pinkeeper.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import dev.pinkeeper.files.SafeFiles;

/**
 * A PKCS#10 CSR for every domain of a site, signed by one of its keys ({@link CertificateRequests}): so that any
 * key, a backup too, can be taken to any CA.
 *
 * @param site    the site
 * @param key     the key that signed it
 * @param domains the domains it asks for, the first as its CN
 * @param pem     the CSR as PEM ({@code CERTIFICATE REQUEST})
 */
public record SiteCsr(String site, KeyEntry key, List<String> domains, String pem) {
    public SiteCsr {
        domains = List.copyOf(domains);
    }

    /** The CSR of key {@code keyReference} (id, pin, role or role-N) of {@code site}, for the site's domains. */
    public static SiteCsr of(KeyInventory inventory, String site, String keyReference) throws InventoryException {
        SiteInventory live = inventory.load(site);
        KeyEntry key = live.find(keyReference);
        byte[] der = CertificateRequests.create(live.domains(), inventory.keyPair(site, key), key.algorithm());
        try {
            return new SiteCsr(site, key, live.domains(), CertificateRequests.pem(der));
        } catch (IOException e) {
            throw new InventoryException("cannot encode the CSR: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the PEM to {@code file}, a new file (0600: whoever may read it learns which key the site will use).
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code file} exists: it is never overwritten
     */
    public void writeNew(Path file) throws IOException {
        SafeFiles.writeNew(file, pem.getBytes(StandardCharsets.US_ASCII), SafeFiles.PRIVATE_FILE);
    }
}
