/**
 * The options many commands share, each read one way: picocli mixins ({@code --json}, {@code --site},
 * {@code --state} via the cli package's StateOption, {@code --at}) and readings ({@code --ua}, times,
 * {@code HOST:PORT}). A command mixes them in with {@code @Mixin}.
 */
package dev.pinkeeper.cli.options;
