/**
 * Well-known CA keys and their pins: the public roots of the JDK trust store and Let's Encrypt's
 * current and past roots and intermediates, bundled as a resource so that a pin can be named
 * ("this pin is Let's Encrypt R11, an intermediate").
 */
package dev.pinkeeper.catalogue;
