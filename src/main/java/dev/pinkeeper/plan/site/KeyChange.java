package dev.pinkeeper.plan.site;

import dev.pinkeeper.keys.KeyEntry;

/**
 * What a rollover or an emergency promotion did to the keys.
 *
 * @param plan      the new live plan version
 * @param replaced  the key that stopped being current (now retired)
 * @param promoted  the key that became current (the next key, or the backup)
 * @param generated the key generated to take the promoted key's place (a new next key, or a new
 *                  backup to export offline)
 */
public record KeyChange(StoredPlan plan, KeyEntry replaced, KeyEntry promoted, KeyEntry generated) {
}
