/**
 * A site as a whole: {@link dev.pinkeeper.site.archive.SiteExport} writes it to one encrypted archive
 * (everything but the private keys kept offline), {@link dev.pinkeeper.site.archive.SiteImport} restores
 * it whole into a state directory, and {@link dev.pinkeeper.site.archive.SiteRecovery} recreates a lost
 * site from its offline backup keys and the header clients cache; {@link
 * dev.pinkeeper.site.archive.SiteRecoveryRun} also certifies and deploys the promoted key in the same run.
 */
package dev.pinkeeper.site.archive;
