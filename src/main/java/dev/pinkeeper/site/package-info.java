/**
 * The owner of a site's state: {@link dev.pinkeeper.site.SiteLayout} names every path of the state
 * directory and of each site in it (the other packages ask it for their files),
 * {@link dev.pinkeeper.site.SiteLock} is the one lock of a site, and
 * {@link dev.pinkeeper.site.SiteTransaction} the one transaction that keys, plan, settings and releases
 * join. {@link dev.pinkeeper.site.InventoryVersions} and {@link dev.pinkeeper.site.PlanVersions} store the
 * numbered versions of a site's key inventory and plan (bytes: what they say is the keys' and the plan's
 * business), and the crash cleanup at each transaction's opening removes what an interrupted one left;
 * {@link dev.pinkeeper.site.UncommittedCreation} recognizes (and removes) a site whose creation never committed.
 * It depends on nothing of pinkeeper's but {@code files}; the whole-site operations built on the
 * other packages (export, import, recovery) are in {@code site.archive}, so no package cycle forms.
 */
package dev.pinkeeper.site;
