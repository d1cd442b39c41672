package dev.pinkeeper.acme;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.util.List;

import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Changes to an existing ACME account (RFC 8555 §7.3): its key rolled over (§7.3.5), its contacts
 * replaced (§7.3.2), or the account deactivated for good (§7.3.6). Each works on the account the
 * {@link Issuer}'s settings name, which must exist already (its key kept).
 */
public final class AccountChanges {
    /** The name a deactivated account's key is kept under, in the account folder. */
    public static final String DEACTIVATED = "account-key.deactivated.pem";

    private final Issuer issuer;

    public AccountChanges(Issuer issuer) {
        this.issuer = issuer;
    }

    /**
     * Rolls the account key over to a new EC P-256 key: the CA first, then the kept key file is replaced
     * atomically (the old key is of no use once the CA accepted the change).
     *
     * @return the account's URL
     */
    public URI rolloverKey() throws IssuanceException {
        Account account = existing().getAccount();
        KeyPair next = AccountKeys.ephemeralKey();
        try {
            account.changeKey(next);
        } catch (AcmeException e) {
            throw new IssuanceException("the CA " + issuer.settings().directory() + " refused the key change: "
                    + e.getMessage(), e);
        }
        try {
            AccountKeys.replace(issuer.settings().accountDirectory(), next);
        } catch (IOException e) {
            throw new IssuanceException("the CA changed the account key, but the new key could not be kept in "
                    + issuer.settings().accountDirectory() + ": " + e.getMessage(), e);
        }
        return location(account);
    }

    /**
     * Replaces the account's contacts with {@code emails} (none: no contact).
     *
     * @return the contacts the CA now has
     */
    public List<URI> updateContacts(List<String> emails) throws IssuanceException {
        Account account = existing().getAccount();
        try {
            Account.EditableAccount edit = account.modify();
            edit.getContacts().clear();
            emails.forEach(edit::addEmail);
            edit.commit();
            return List.copyOf(account.getContacts());
        } catch (AcmeException e) {
            throw new IssuanceException("the CA " + issuer.settings().directory() + " refused the contact change: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Deactivates the account: the CA will refuse every later request signed with its key. The key file is
     * set aside as {@value #DEACTIVATED} so that the next order creates a new account (with a new binding
     * where the CA requires one).
     *
     * @return the account's status now ({@code DEACTIVATED})
     */
    public Status deactivate() throws IssuanceException {
        Account account = existing().getAccount();
        try {
            account.deactivate();
        } catch (AcmeException e) {
            throw new IssuanceException("the CA " + issuer.settings().directory() + " refused to deactivate the account: "
                    + e.getMessage(), e);
        }
        Path dir = issuer.settings().accountDirectory();
        try {
            Files.move(dir.resolve(AccountKeys.FILE_NAME), dir.resolve(DEACTIVATED), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IssuanceException("the CA deactivated the account, but its key could not be set aside in " + dir
                    + ": " + e.getMessage(), e);
        }
        return account.getStatus();
    }

    private Login existing() throws IssuanceException {
        try {
            if (!issuer.hasAccount()) {
                throw new IssuanceException("no ACME account at " + issuer.settings().directory()
                        + " yet (it is created by the first certificate issued there)");
            }
            return issuer.account();
        } catch (IOException e) {
            throw new IssuanceException("cannot read the ACME account key in " + issuer.settings().accountDirectory()
                    + ": " + e.getMessage(), e);
        } catch (AcmeException e) {
            throw new IssuanceException("cannot use the ACME account at " + issuer.settings().directory() + ": "
                    + e.getMessage(), e);
        }
    }

    private static URI location(Account account) {
        try {
            return account.getLocation().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
