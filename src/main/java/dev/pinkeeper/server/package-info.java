/**
 * What pinkeeper knows of each web server, one class per kind: {@link dev.pinkeeper.server.Nginx},
 * {@link dev.pinkeeper.server.Apache}, {@link dev.pinkeeper.server.Haproxy} and any server driven by two
 * commands ({@link dev.pinkeeper.server.CommandTarget}). Each gives the line that makes the server send a
 * header (escaped for its config reader, or refused with the reason) and the heading of that line
 * ({@link dev.pinkeeper.server.HeaderServer}), the release file it reads, its
 * config test, its reload (which returns only once the server's processes were replaced) and the check
 * that it follows the site's {@code live} release. Depends on {@code pin} only.
 */
package dev.pinkeeper.server;
