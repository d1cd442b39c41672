package dev.pinkeeper.lifecycle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.acme.Issuer;
import dev.pinkeeper.acme.RenewalWindow;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.site.SiteLayout;

/** The current keys whose certificate is missing or inside its renewal window, and the earliest window of the others. */
record DueCertificates(List<KeyEntry> keys, Instant nextWindow) {
    static DueCertificates of(SiteLayout paths, Issuer issuer, SiteInventory keys, Instant at, boolean dryRun)
            throws Exception {
        List<KeyEntry> due = new ArrayList<>();
        Instant nextWindow = null;
        for (KeyEntry key : keys.current()) {
            Path file = paths.certificate(key.id());
            if (!Files.exists(file)) {
                due.add(key);
                continue;
            }
            X509Certificate leaf = TrustRoots.read(file).get(0);
            RenewalWindow window = SiteIssuer.window(paths, issuer, key.id(), leaf, !dryRun); // a dry run writes nothing
            Instant renewAt = window.renewAt(leaf.getSerialNumber());
            if (window.isDue(at, leaf.getSerialNumber())) {
                due.add(key);
            } else if (nextWindow == null || renewAt.isBefore(nextWindow)) {
                nextWindow = renewAt;
            }
        }
        return new DueCertificates(due, nextWindow);
    }
}
