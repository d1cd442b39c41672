/**
 * Pinkeeper's failures: one root, {@link dev.pinkeeper.error.PinkeeperException}, whose
 * {@link dev.pinkeeper.error.ErrorKind kind} (refused, usage, environment, internal) tells a caller what
 * it can do and the command line which exit code to give, and whose {@link dev.pinkeeper.error.Remedy
 * remedies} say what helps as data, so that the library never spells a command-line flag.
 */
package dev.pinkeeper.error;
