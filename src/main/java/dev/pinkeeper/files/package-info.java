/**
 * File-system primitives with the guarantees pinkeeper's state needs: private directories (0700)
 * and files (0600), files written once and fsynced, never overwritten.
 */
package dev.pinkeeper.files;
