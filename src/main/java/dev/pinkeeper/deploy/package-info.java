/**
 * Safe deployment of certificates to web servers. A {@link dev.pinkeeper.deploy.ReleaseStore} writes
 * every deployment as a new timestamped {@link dev.pinkeeper.deploy.Release} directory (staged,
 * fsynced, renamed into place, never overwritten); a {@link dev.pinkeeper.deploy.ReleaseSwitch}
 * validates it, swaps the {@code live} symlink atomically, reloads the server through a
 * {@link dev.pinkeeper.server.ServerTarget} only when what the server reads changed, checks what
 * the server then serves, and puts the previous release back when anything fails.
 */
package dev.pinkeeper.deploy;
