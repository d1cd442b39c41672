/**
 * Running pinkeeper unattended, as an operator sets it up: the external commands it runs around a renewal
 * ({@link dev.pinkeeper.ops.Hooks}: pre-, deploy- and post-hooks and hook folders, as certbot runs them), the
 * alerts a renewal raises ({@link dev.pinkeeper.ops.RenewAlerts}) and the notify command that receives them
 * ({@link dev.pinkeeper.ops.Notifier}), and the machine's settings file of defaults
 * ({@link dev.pinkeeper.ops.SettingsFile}, {@code /etc/pinkeeper/pinkeeper.toml}). Every external command
 * runs with a time limit, its data on standard input or in environment variables, never in its command line.
 */
package dev.pinkeeper.ops;
