/**
 * Network addresses as users and settings write them, read one way for every domain (the collector's
 * listening addresses, a deploy probe, the site a check connects to).
 */
package dev.pinkeeper.net;
