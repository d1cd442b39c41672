/**
 * The key inventory: for each site, its current keys, the pre-generated next key of each current
 * key, and its backup keys, kept in a state directory where nothing is overwritten.
 *
 * <p>Entry point: {@link dev.pinkeeper.keys.KeyInventory}. Every change writes new immutable files
 * (one directory per key, one JSON file per inventory version) and then moves the site's {@code live}
 * symlink with an atomic rename, under a per-site lock file: a crash leaves the old or the new state.
 *
 * <pre>{@code
 * KeyInventory inventory = new KeyInventory(StateDirectory.resolve(null));
 * SiteInventory site = inventory.load("example");
 * for (KeyEntry key : site.keys()) System.out.println(key.role() + " " + key.pin());
 * inventory.update("example", "pin published", change -> change.markPublished(pin, Instant.now()));
 * }</pre>
 */
package dev.pinkeeper.keys;
