package dev.pinkeeper.deploy;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import dev.pinkeeper.files.Pem;
import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.site.SiteLock;

/**
 * The releases of one site under a directory (its layout: {@link SiteLayout.Releases}).
 * A release is written into a staging directory, every file and directory fsynced, then renamed
 * into {@code releases/}: a release is either complete or absent, and an existing one is never
 * overwritten. Every folder is 0700 and every file 0600, whatever the umask (see {@link SafeFiles}).
 */
public final class ReleaseStore {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Name prefix, in {@code .staging/}, of a release being deleted. */
    private static final String REMOVED_PREFIX = "removed-";

    private final Path site;
    private final SiteLayout.Releases paths;
    private final Path lockFile;
    private final String lockName;
    private final Clock clock;

    /** A store on its own in {@code siteDirectory} (created 0700 on first write), with its own lock file. */
    public ReleaseStore(Path siteDirectory) {
        this(siteDirectory, Clock.systemUTC());
    }

    ReleaseStore(Path siteDirectory, Clock clock) {
        this(siteDirectory, new SiteLayout.Releases(siteDirectory).lock(), "the releases in " + siteDirectory, clock);
    }

    /** The store of a site ({@link SiteLayout#releases}), locked by the site's one lock. */
    public ReleaseStore(SiteLayout layout) {
        this(layout.releases(), layout.lock(), "site " + layout.site(), Clock.systemUTC());
    }

    private ReleaseStore(Path siteDirectory, Path lockFile, String lockName, Clock clock) {
        this.site = siteDirectory;
        this.paths = new SiteLayout.Releases(siteDirectory);
        this.lockFile = lockFile;
        this.lockName = lockName;
        this.clock = clock;
    }

    /** The site directory. */
    public Path siteDirectory() {
        return site;
    }

    /** The {@code live} symlink the server config refers to ({@code SITE/live/fullchain.pem}, …). */
    public Path liveLink() {
        return paths.live();
    }

    /** The HAProxy map file through {@code live}, absolute: what the frontend lines must read. */
    public Path liveHaproxyMap() {
        return liveLink().toAbsolutePath().normalize().resolve(Release.HAPROXY_MAP);
    }

    /** Writes {@code content} as a new release and returns it; {@code live} is not touched. */
    public Release create(ReleaseContent content) throws IOException {
        return create(render(content));
    }

    /**
     * The live release when it already holds what {@code content} makes ({@link #liveWithSameContent}),
     * otherwise a new release of it ({@link #create}); the content is rendered once for both.
     */
    public Release liveOrCreate(ReleaseContent content) throws IOException {
        SortedMap<String, byte[]> files = render(content);
        Optional<Release> same = liveWith(files);
        return same.isPresent() ? same.get() : create(files);
    }

    private Release create(SortedMap<String, byte[]> files) throws IOException {
        SafeFiles.privateDirectory(site);
        Path releases = paths.releases();
        SafeFiles.createPrivateDirectories(releases);
        Path staging = SafeFiles.privateDirectory(paths.staging()).resolve(UUID.randomUUID().toString());
        SafeFiles.createPrivateDirectory(staging);
        try {
            writeFiles(staging, files);
            SafeFiles.fsyncDirectory(staging);
            String base = NAME.format(clock.instant());
            for (int i = 0; ; i++) {
                String name = i == 0 ? base : base + "-" + i;
                Path target = paths.release(name);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try {
                    // rename(2): atomic; it could only replace an empty directory, which holds no release
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                    continue;
                }
                SafeFiles.fsyncDirectory(releases);
                return new Release(name, target);
            }
        } finally {
            deleteTree(staging);
        }
    }

    /**
     * Writes every file 0600, certificates and header snippets too: the web server's master process
     * reads them as root ({@link SafeFiles} says why nothing here is public).
     */
    private static void writeFiles(Path dir, SortedMap<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            SafeFiles.writeNew(dir.resolve(file.getKey()), file.getValue(), SafeFiles.PRIVATE_FILE);
        }
    }

    /** The files of a release holding {@code content}, by name. */
    private static SortedMap<String, byte[]> render(ReleaseContent content) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        boolean dual = content.certificates().size() > 1;
        for (CertifiedKey certified : content.certificates()) {
            String leaf = Pem.certificate(certified.leaf());
            String chain = Pem.certificates(certified.chain().subList(1, certified.chain().size()));
            String key = Pem.privateKey(certified.key());
            // with two keys the first also keeps the plain names: a server configured for one key goes on
            // serving it (the key served before a second one was added) until its config names both
            for (String suffix : !dual ? List.of("") : certified == content.certificates().get(0)
                    ? List.of("", "-" + certified.kind()) : List.of("-" + certified.kind())) {
                put(files, "cert" + suffix + ".pem", leaf);
                put(files, "chain" + suffix + ".pem", chain);
                put(files, "fullchain" + suffix + ".pem", leaf + chain);
                put(files, "privkey" + suffix + ".pem", key);
            }
            String bundle = leaf + chain + key + (content.dhParams() == null ? "" : content.dhParams());
            put(files, dual ? "haproxy.pem." + certified.kind() : "haproxy.pem", bundle);
        }
        HeaderSnippets.render(content.headers()).forEach((name, text) -> put(files, name, text));
        return files;
    }

    private static void put(SortedMap<String, byte[]> files, String name, String text) {
        files.put(name, text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The live release when it holds exactly the files {@code content} makes (same names, same bytes, by
     * their {@link ContentHash}): deploying it again needs no new release directory.
     */
    public Optional<Release> liveWithSameContent(ReleaseContent content) throws IOException {
        return liveWith(render(content));
    }

    private Optional<Release> liveWith(SortedMap<String, byte[]> rendered) throws IOException {
        Optional<Release> live = live();
        if (live.isEmpty() || !Files.isDirectory(live.get().directory())) {
            return Optional.empty();
        }
        String wanted = ContentHash.of(rendered);
        return ContentHash.of(live.get(), List.of()).equals(wanted) ? live : Optional.empty();
    }

    /** Every release, oldest first. */
    public List<Release> releases() throws IOException {
        Path releases = paths.releases();
        if (!Files.isDirectory(releases)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(releases)) {
            return dirs.filter(Files::isDirectory).sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .map(p -> new Release(p.getFileName().toString(), p)).toList();
        }
    }

    /**
     * Deletes old releases: keeps the {@code keep} newest and the live one (whatever its age). Runs under
     * the site lock, so no deployment is under way: the live release is the only one a rollback can
     * return to. Without {@code apply}, only says which it would delete.
     *
     * @return the releases deleted (or that would be), oldest first
     */
    public List<Release> prune(int keep, boolean apply) throws IOException {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one release, not " + keep);
        }
        try (Closeable lock = lock()) {
            List<Release> all = releases();
            Optional<Release> live = live();
            List<Release> deleted = new ArrayList<>();
            for (Release release : all.subList(0, Math.max(0, all.size() - keep))) {
                if (!live.map(release::equals).orElse(false)) {
                    deleted.add(release);
                }
            }
            if (apply) {
                for (Release release : deleted) {
                    remove(release);
                }
            }
            return deleted;
        }
    }

    /** The release {@code live} points at, if any. */
    public Optional<Release> live() throws IOException {
        Path link = liveLink();
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        Path target = site.resolve(Files.readSymbolicLink(link)).normalize();
        return Optional.of(new Release(target.getFileName().toString(), target));
    }

    /** Points {@code live} at {@code release} atomically: a new symlink renamed over the old one. */
    void pointLiveAt(Release release) throws IOException {
        SafeFiles.swapSymlink(liveLink(), site.relativize(release.directory()));
    }

    /**
     * Deletes a release that is not live (call under {@link #lock}): it is first renamed out of
     * {@code releases/} atomically, so a crash never leaves a half-deleted release there.
     *
     * @throws IllegalStateException for the live release
     */
    public void remove(Release release) throws IOException {
        if (live().map(release::equals).orElse(false)) {
            throw new IllegalStateException("release " + release.name() + " is live: it is not removed");
        }
        Path staging = SafeFiles.privateDirectory(paths.staging());
        Path removed = staging.resolve(REMOVED_PREFIX + release.name() + "-" + UUID.randomUUID());
        Files.move(release.directory(), removed, StandardCopyOption.ATOMIC_MOVE);
        SafeFiles.fsyncDirectory(paths.releases());
        deleteTree(removed);
        try (Stream<Path> leftovers = Files.list(staging)) { // those an interrupted removal left
            for (Path leftover : leftovers.filter(p -> p.getFileName().toString().startsWith(REMOVED_PREFIX)).toList()) {
                deleteTree(leftover);
            }
        }
    }

    /** Removes {@code live} (when the first release of a site cannot be served). */
    void removeLive() throws IOException {
        Files.deleteIfExists(liveLink());
        SafeFiles.fsyncDirectory(site);
    }

    /**
     * Forgets the recorded hash before a reload: until a reload is known to have worked, what the
     * server reads is unknown, so the next switch must reload whatever its content.
     */
    void forgetServedHash() throws IOException {
        if (Files.deleteIfExists(paths.servedHash())) {
            SafeFiles.fsyncDirectory(site);
        }
    }

    /** The hash recorded at the last successful reload, if any. */
    Optional<String> servedHash() throws IOException {
        Path file = paths.servedHash();
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip()) : Optional.empty();
    }

    /**
     * Records the hash of what the server now reads ({@link SafeFiles#replace}, durable: after a power
     * cut an older hash must not come back, or a later deployment of that older content would skip the
     * reload while the server still serves this one).
     */
    void recordServedHash(String hash) throws IOException {
        SafeFiles.replace(paths.servedHash(), (hash + "\n").getBytes(StandardCharsets.US_ASCII),
                SafeFiles.PRIVATE_FILE);
    }

    /**
     * The exclusive lock of the site ({@link SiteLock}: waits a while for another process, re-entrant within
     * one operation): one switch or removal at a time. Close it to release.
     */
    public SiteLock lock() throws IOException {
        SafeFiles.privateDirectory(lockFile.getParent());
        return SiteLock.acquire(lockFile, lockName, SiteLock.DEFAULT_PATIENCE);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.forEach(paths::add);
        }
        for (int i = paths.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(paths.get(i));
        }
    }
}
