package dev.pinkeeper.server;

import java.nio.file.Path;
import java.util.List;

/**
 * A web server that serves the {@code live} release: it can test its configuration and reload it.
 * {@link Nginx}, {@link Apache}, {@link Haproxy} and {@link CommandTarget} make them.
 */
public interface ServerTarget {
    /** A short name for messages ({@code nginx}, {@code haproxy}, …). */
    String name();

    /**
     * Checks, before a release is written or {@code live} changes, that the server reads the release's
     * headers through the site's {@code live} link {@code liveLink}, so that the reload serves them
     * (HAProxy: a frontend of its config must read {@code live/headers-haproxy.map}). A failure refuses
     * the deployment. Default: nothing to check.
     */
    default void checkFollowsLive(Path liveLink) throws ServerException {
    }

    /**
     * The release file the server reads its headers from ({@link Nginx#HEADERS_FILE}, …), or empty
     * when pinkeeper does not know (a command target): a deployment whose headers that file cannot carry
     * is refused before anything is written. Default: empty.
     */
    default java.util.Optional<String> headerFile() {
        return java.util.Optional.empty();
    }

    /** Runs the server's own configuration test against what {@code live} points at now. */
    void configTest() throws ServerException;

    /** Asks the running server to reload its configuration and certificates. */
    void reload() throws ServerException;

    /** The config files the server reads besides the release (part of the content hash). */
    List<Path> configFiles();
}
