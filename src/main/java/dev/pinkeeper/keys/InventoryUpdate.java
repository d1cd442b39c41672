package dev.pinkeeper.keys;

/** The changes one transaction makes to a site's inventory (see {@link KeyInventory#update}). */
@FunctionalInterface
public interface InventoryUpdate {
    /** Applies changes; throwing abandons the transaction and leaves the live inventory as it was. */
    void apply(InventoryChange change) throws InventoryException;
}
