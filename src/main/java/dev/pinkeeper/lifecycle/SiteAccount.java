package dev.pinkeeper.lifecycle;

import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.acme.AccountChanges;
import dev.pinkeeper.acme.IssuanceException;
import dev.pinkeeper.acme.Issuer;
import dev.pinkeeper.keys.KeyInventory;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * A site's ACME account at one of its CAs ({@code primary} or {@code backup}): its key rolled over, its
 * contacts replaced (and saved in {@code acme.json} for accounts created later), or the account
 * deactivated. Each needs the account to exist (created by the first certificate issued at that CA).
 */
public final class SiteAccount {
    private final KeyInventory inventory;

    public SiteAccount(KeyInventory inventory) {
        this.inventory = inventory;
    }

    /** What was done to an account, or would be (a dry run). */
    public record Change(String ca, URI directory, String done) {
    }

    /**
     * Checks that {@code ca} is set and its account exists, without changing anything.
     *
     * @throws InvalidSettingException when the CA is not set for the site
     */
    public Change check(String site, String ca, String what) throws IOException, IssuanceException {
        Issuer issuer = issuer(site, ca);
        if (!issuer.hasAccount()) {
            throw new IssuanceException("no ACME account at the " + ca + " CA (" + issuer.settings().directory()
                    + ") yet: it is created by the first certificate issued there");
        }
        return new Change(ca, issuer.settings().directory(), "would " + what);
    }

    /** Rolls the account key over to a new one (RFC 8555 §7.3.5); the new key replaces the kept one. */
    public Change rolloverKey(String site, String ca) throws IOException, IssuanceException {
        Issuer issuer = issuer(site, ca);
        URI account = new AccountChanges(issuer).rolloverKey();
        return new Change(ca, issuer.settings().directory(), "account key rolled over (account " + account + ")");
    }

    /** Replaces the account's contacts with {@code emails} at the CA, then in {@code acme.json}. */
    public Change updateContacts(String site, String ca, List<String> emails) throws IOException, IssuanceException {
        emails.forEach(address -> SettingChecks.email(SiteSetting.CONTACTS, address));
        SiteSettingsStore store = new SiteSettingsStore(inventory.layout(site));
        Issuer issuer = issuer(site, ca);
        List<URI> now = new AccountChanges(issuer).updateContacts(emails);
        AcmeSettings saved = store.acme();
        store.saveAcme(new AcmeSettings(saved.primary(), saved.backup(), saved.challenge(), saved.webroot(),
                saved.standaloneAddress(), saved.standalonePort(), saved.dnsHook(), emails));
        return new Change(ca, issuer.settings().directory(), "contacts now " + (now.isEmpty() ? "none" : now));
    }

    /** Deactivates the account for good (RFC 8555 §7.3.6). */
    public Change deactivate(String site, String ca) throws IOException, IssuanceException {
        Issuer issuer = issuer(site, ca);
        new AccountChanges(issuer).deactivate();
        return new Change(ca, issuer.settings().directory(), "account deactivated: the CA refuses it from now on");
    }

    private Issuer issuer(String site, String ca) throws IOException {
        SiteLayout paths = inventory.layout(site);
        return SiteIssuer.issuer(new SiteSettingsStore(paths).acme(), ca, paths);
    }
}
