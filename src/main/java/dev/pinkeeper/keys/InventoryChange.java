package dev.pinkeeper.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.site.SiteTransaction;

/**
 * The changes of one inventory transaction ({@link KeyInventory#update}). Methods change the
 * version being prepared; the folders of new keys (and restored private key files) are staged in the
 * site's transaction ({@link SiteTransaction}) and written at its commit, before the version that names
 * them becomes live. Every method that names a key takes its id.
 *
 * <p>The plan uses it to record publication ({@link #markPublished}, {@link #setSafeFrom}) and to
 * roll keys over ({@link #promoteNext}, {@link #promoteBackup}: {@link KeyPromotions}); deciding whether that is
 * safe is the plan's job, not this class's. A new key's folder is written by {@link NewKeyFolder}.
 */
public final class InventoryChange {
    private final KeyInventory inventory;
    private final SiteTransaction transaction;
    private final Set<String> staged = new HashSet<>();
    private final String site;
    private final SiteInventory before;
    private final Instant now;
    private final List<KeyEntry> keys;
    private List<String> domains;
    private boolean changed;

    InventoryChange(KeyInventory inventory, SiteTransaction transaction, String site, SiteInventory before) {
        this.inventory = inventory;
        this.transaction = transaction;
        this.site = site;
        this.before = before;
        this.now = inventory.clock().instant();
        this.keys = new ArrayList<>(before.keys());
        this.domains = before.domains();
    }

    /** The live version this transaction started from. */
    public SiteInventory before() {
        return before;
    }

    /** The time of this transaction (the same for every key it creates). */
    public Instant now() {
        return now;
    }

    /** The keys as changed so far. */
    public List<KeyEntry> keys() {
        return List.copyOf(keys);
    }

    /** The inventory as changed so far (version and time of the version to be written). */
    public SiteInventory preview() {
        return result(before.change());
    }

    /** The key with this id, as changed so far. */
    public KeyEntry key(String id) throws InventoryException {
        for (KeyEntry key : keys) {
            if (key.id().equals(id)) {
                return key;
            }
        }
        throw new InventoryException("site " + site + " has no key " + id);
    }

    /**
     * Replaces the site's domains (the names its CSRs cover).
     *
     * @throws InventoryException if one is not a domain name
     */
    public void setDomains(List<String> newDomains) throws InventoryException {
        List<String> names = new ArrayList<>();
        for (String domain : newDomains) {
            try {
                names.add(DomainName.normalize(domain));
            } catch (IllegalArgumentException e) {
                throw new InventoryException("site " + site + ": " + e.getMessage(), e);
            }
        }
        if (names.isEmpty()) {
            throw new InventoryException("site " + site + ": give at least one domain");
        }
        domains = List.copyOf(names.stream().distinct().toList());
        changed = true;
    }

    /**
     * Generates a key and stages its folder (0700: {@code private.pem} 0600, {@code public.pem},
     * {@code key.json}), written at the commit.
     *
     * @param nextFor for a next key, the id of the current key it follows; else null
     */
    public KeyEntry generate(KeyRole role, KeyAlgorithm algorithm, String nextFor) throws InventoryException {
        return store(KeyGenerator.generate(algorithm), role, algorithm, nextFor);
    }

    /**
     * Adds a key restored from its offline backup to a site that no longer knows it (the site was
     * recreated on a new machine): its folder is written as for a generated key, its id made from this
     * transaction's time, its algorithm read from the key.
     *
     * @param nextFor for a next key, the id of the current key it follows; else null
     * @throws InventoryException if the key is of a type pinkeeper does not keep, or the site has it already
     */
    public KeyEntry addRestored(KeyRole role, PrivateKeyInfo privateKey, String nextFor) throws InventoryException {
        KeyPair pair = PrivateKeyFile.keyPair(privateKey, null, "the restored key");
        Pin pin = Pin.ofSpki(pair.getPublic().getEncoded());
        if (keys.stream().anyMatch(k -> k.pin().equals(pin))) {
            throw new InventoryException("site " + site + " has the key " + pin + " already");
        }
        return store(pair, role, KeyAlgorithm.of(pair.getPublic()), nextFor);
    }

    private KeyEntry store(KeyPair pair, KeyRole role, KeyAlgorithm algorithm, String nextFor) {
        Pin pin = Pin.ofSpki(pair.getPublic().getEncoded());
        String id = NewKeyFolder.id(now, algorithm, pin);
        transaction.onCommit(NewKeyFolder.write(inventory.layout(site), id, pair, algorithm, role, now));
        staged.add(id);
        KeyEntry entry = new KeyEntry(id, role, algorithm, pin, now, null, null, false, NewKeyFolder.PRIVATE_FILE,
                role == KeyRole.NEXT ? nextFor : null, null);
        keys.add(entry);
        changed = true;
        return entry;
    }

    /** Adds a current key of {@code algorithm} and its next key of {@code nextAlgorithm}; returns the current. */
    public KeyEntry addCurrent(KeyAlgorithm algorithm, KeyAlgorithm nextAlgorithm) throws InventoryException {
        KeyEntry current = generate(KeyRole.CURRENT, algorithm, null);
        generate(KeyRole.NEXT, nextAlgorithm, current.id());
        return current;
    }

    /**
     * Gives a key another role; {@code nextFor} is required for {@link KeyRole#NEXT}, ignored otherwise.
     * A key retired this way is dated with the transaction's time ({@link #now}); {@link #retire}
     * takes the date.
     */
    public KeyEntry setRole(String id, KeyRole role, String nextFor) throws InventoryException {
        return setRole(id, role, nextFor, now);
    }

    /**
     * Retires a key: it is no longer pinned; its files stay until {@code keys prune}.
     *
     * @param at when it stopped being current (the rollover's instant, which {@code keys prune
     *           --retired-before} compares), not necessarily this transaction's time
     */
    public KeyEntry retire(String id, Instant at) throws InventoryException {
        return setRole(id, KeyRole.RETIRED, null, at);
    }

    /**
     * Records since when the key's pin has been in every served header (null: not published).
     * The plan calls this when it starts (or stops) publishing a pin.
     */
    public KeyEntry setPublishedSince(String id, Instant since) throws InventoryException {
        return replace(key(id).withPublishedSince(since));
    }

    /**
     * Marks every key with this pin as published since {@code since}, unless it already records an
     * earlier publication. Returns how many keys it changed.
     */
    public int markPublished(Pin pin, Instant since) throws InventoryException {
        int count = 0;
        for (KeyEntry key : List.copyOf(keys)) {
            if (key.pin().equals(pin) && (key.publishedSince() == null || key.publishedSince().isAfter(since))) {
                replace(key.withPublishedSince(since));
                count++;
            }
        }
        return count;
    }

    /** Records when the key may safely become current (the plan's verdict), or null when unknown. */
    public KeyEntry setSafeFrom(String id, Instant from) throws InventoryException {
        return replace(key(id).withSafeFrom(from));
    }

    /**
     * Rollover mechanics: the next key of {@code currentId} becomes current, the old current key is
     * retired, and a new next key of the same algorithm is generated for the new current key.
     * Whether the rollover is safe is not checked here.
     *
     * @param at when the rollover takes effect: the old key's retired date
     * @return the new current key
     */
    public KeyEntry promoteNext(String currentId, Instant at) throws InventoryException {
        return KeyPromotions.promoteNext(this, currentId, at);
    }

    /**
     * Emergency mechanics: backup {@code backupId} replaces current key {@code currentId} (retired);
     * the replaced key's next key now follows the backup, and a new backup of the same algorithm is
     * generated (its pin is not yet published: export it and let the plan publish it).
     *
     * @param at when the replacement takes effect: the replaced key's retired date
     * @return the new current key (the former backup)
     */
    public KeyEntry promoteBackup(String backupId, String currentId, Instant at) throws InventoryException {
        return KeyPromotions.promoteBackup(this, backupId, currentId, at);
    }

    /**
     * Takes a key offline: the new version records no private key file, and once it is live the file
     * is deleted. Call only after the key's encrypted export has been written and verified.
     */
    public KeyEntry takeOffline(String id) throws InventoryException {
        KeyEntry key = key(id);
        if (key.offline()) {
            return key;
        }
        return replace(key.withPrivateKeyFile(null));
    }

    /**
     * Brings an offline key back from its decrypted private key: writes a new private key file
     * ({@code private-restored-TIME.pem}, 0600) in the key's folder after checking its pin.
     */
    public KeyEntry restorePrivateKey(String id, PrivateKeyInfo privateKey) throws InventoryException {
        KeyEntry key = key(id);
        key.requireUsable();
        if (!key.offline()) {
            return key;
        }
        PrivateKeyFile.keyPair(privateKey, key.pin(), "restored key " + id);
        String name = KeyInventory.PRIVATE_KEY_PREFIX + "-restored-" + KeyInventory.COMPACT_TIME.format(now) + ".pem";
        Path file = inventory.keyDirectory(site, key).resolve(name);
        transaction.onCommit(() -> {
            try {
                PrivateKeyFile.write(file, privateKey);
            } catch (IOException e) {
                throw new IOException(file + ": cannot write the restored key: " + e.getMessage(), e);
            }
        });
        staged.add(id);
        return replace(key.withPrivateKeyFile(name));
    }

    /**
     * Declares a key compromised: it is retired (its pin leaves every header the plan builds from now on)
     * and never used again. A current key must be replaced first (a backup promoted in its place).
     *
     * @param at when it was declared compromised (also its retired date, unless it is retired already)
     */
    public KeyEntry compromise(String id, Instant at) throws InventoryException {
        KeyEntry key = key(id);
        if (key.role() == KeyRole.CURRENT) {
            throw new InventoryException("key " + id + " of site " + site
                    + " is current: promote a backup in its place before declaring it compromised");
        }
        if (key.isCompromised()) {
            return key;
        }
        return replace(key.asCompromised(at));
    }

    boolean changed() {
        return changed;
    }

    /**
     * The number of the inventory version live once this change is committed: the next one if it changed
     * something, else the one it started from. Final once the change is staged ({@link KeyInventory#stage}).
     */
    public int versionAfter() {
        return changed ? before.version() + 1 : before.version();
    }

    /** The site's transaction this change is part of. */
    public SiteTransaction transaction() {
        return transaction;
    }

    /** Whether the private key file of key {@code id} is staged by this change (written at the commit). */
    boolean staged(String id) {
        return staged.contains(id);
    }

    SiteInventory result(String description) {
        return new SiteInventory(site, domains, before.version() + 1, now, description, keys);
    }

    private KeyEntry setRole(String id, KeyRole role, String nextFor, Instant retiredAt) throws InventoryException {
        KeyEntry key = key(id);
        if (role != KeyRole.RETIRED) {
            key.requireUsable();
        }
        if (role == KeyRole.NEXT && nextFor == null) {
            throw new InventoryException("a next key must name the current key it follows");
        }
        return replace(key.withRole(role, nextFor, retiredAt));
    }

    private KeyEntry replace(KeyEntry updated) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).id().equals(updated.id())) {
                if (!keys.get(i).equals(updated)) {
                    keys.set(i, updated);
                    changed = true;
                }
                return updated;
            }
        }
        throw new IllegalStateException("no key " + updated.id());
    }
}
