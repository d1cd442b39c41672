package dev.pinkeeper.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ServerTarget} made of a test command, a way to reload and the files it reads: any server
 * through two commands ({@link #of}), and the base of the {@link Nginx}, {@link Apache} and
 * {@link Haproxy} targets.
 */
public final class CommandTarget implements ServerTarget {
    /** How a server is told to reload. */
    @FunctionalInterface
    interface Reload {
        void run() throws ServerException;
    }

    /** What a server must read through {@code live} (see {@link ServerTarget#checkFollowsLive}). */
    @FunctionalInterface
    interface LiveCheck {
        void check(Path liveLink) throws ServerException;
    }

    private final String name;
    private final List<String> test;
    private final Reload reload;
    private final List<Path> configFiles;
    private final LiveCheck liveCheck;
    private final String headerFile;

    CommandTarget(String name, List<String> testCommand, Reload reload, List<Path> configFiles, LiveCheck liveCheck,
            String headerFile) {
        this.name = name;
        this.test = List.copyOf(testCommand);
        this.reload = reload;
        this.configFiles = List.copyOf(configFiles);
        this.liveCheck = liveCheck;
        this.headerFile = headerFile;
    }

    /** Any server: a test command (none when empty) and a reload command, each must exit 0 on success. */
    public static ServerTarget of(String name, List<String> testCommand, List<String> reloadCommand,
            List<Path> configFiles) {
        List<String> reload = List.copyOf(reloadCommand);
        return new CommandTarget(name, testCommand, () -> Commands.run(reload, ReloadWaits.TIMEOUT), configFiles,
                live -> {
                }, null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void checkFollowsLive(Path liveLink) throws ServerException {
        liveCheck.check(liveLink);
    }

    @Override
    public Optional<String> headerFile() {
        return Optional.ofNullable(headerFile);
    }

    @Override
    public void configTest() throws ServerException {
        if (!test.isEmpty()) {
            Commands.run(test, ReloadWaits.TIMEOUT);
        }
    }

    @Override
    public void reload() throws ServerException {
        reload.run();
    }

    @Override
    public List<Path> configFiles() {
        return configFiles;
    }

    /** {@code a} then {@code b}. */
    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
