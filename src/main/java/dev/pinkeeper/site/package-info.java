/**
 * The owner of a site's state: {@link dev.pinkeeper.site.SiteLayout} names every path of the state
 * directory and of each site in it; the other packages ask it for their files.
 */
package dev.pinkeeper.site;
