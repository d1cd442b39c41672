package dev.pinkeeper.site;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.PrivateKeyFile;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.keys.backup.EncryptedKeyCodec;

/**
 * Everything of one site's folder as an archive: each folder, file (with its mode) and symlink,
 * by its path relative to the site's folder. {@link #seal} encrypts it under a passphrase as the
 * offline key backups are ({@link EncryptedKeyCodec}: PBKDF2-HMAC-SHA256 and AES-256-CBC) into one PEM
 * file ({@value #PEM_TYPE}); {@link #open} decrypts it, checks its SHA-256 digest and every entry
 * (relative paths without {@code ..} or hidden names, symlinks that stay inside the site and name an
 * entry, plain permission bits) before anyone may write it.
 *
 * @param site     the site's name
 * @param exported when the archive was made
 * @param entries  folders before what they hold
 */
public record SiteArchive(String site, Instant exported, List<Entry> entries) {
    /** PEM type of the file. */
    public static final String PEM_TYPE = "PINKEEPER SITE ARCHIVE";
    /** Format number written in every archive. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+=@-]{0,200}");
    private static final Pattern MODE = Pattern.compile("[r-][w-][x-][r-][w-][x-][r-][w-][x-]");

    public SiteArchive {
        StateDirectory.checkSiteName(site);
        Objects.requireNonNull(exported, "exported");
        entries = List.copyOf(entries);
    }

    /** What an entry is. */
    public enum Type { DIRECTORY, FILE, SYMLINK }

    /**
     * One folder, file or symlink.
     *
     * @param path   relative to the site's folder, {@code /}-separated
     * @param type   its kind
     * @param mode   permission bits as {@code ls} shows them ({@code rw-------}); null for a symlink
     * @param data   a file's bytes; null otherwise
     * @param target a symlink's (relative) target; null otherwise
     */
    public record Entry(String path, Type type, String mode, byte[] data, String target) {
        /** The entry's permissions. */
        public Set<PosixFilePermission> permissions() {
            return PosixFilePermissions.fromString(mode);
        }
    }

    /** The entry at {@code path}, or null. */
    public Entry entry(String path) {
        for (Entry entry : entries) {
            if (entry.path().equals(path)) {
                return entry;
            }
        }
        return null;
    }

    /** The text of the file entry at {@code path}, or null when there is none. */
    public byte[] file(String path) {
        Entry entry = entry(path);
        return entry == null || entry.type() != Type.FILE ? null : entry.data();
    }

    /** The archive encrypted under {@code passphrase}, as the bytes of a PEM file. */
    public byte[] seal(char[] passphrase) throws InventoryException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("site", site);
        root.put("exported", exported.toString());
        ArrayNode list = root.putArray("entries");
        for (Entry entry : entries) {
            ObjectNode node = list.addObject();
            node.put("path", entry.path());
            node.put("type", entry.type().name().toLowerCase(java.util.Locale.ROOT));
            if (entry.mode() != null) {
                node.put("mode", entry.mode());
            }
            if (entry.data() != null) {
                node.put("data", Base64.getEncoder().encodeToString(entry.data()));
            }
            if (entry.target() != null) {
                node.put("target", entry.target());
            }
        }
        try {
            byte[] json = JSON.writeValueAsBytes(root);
            byte[] plain = concat((sha256(json) + "\n").getBytes(StandardCharsets.US_ASCII), json);
            return PrivateKeyFile.pem(PEM_TYPE, EncryptedKeyCodec.seal(plain, passphrase));
        } catch (IOException e) {
            throw new InventoryException("cannot write the site archive: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts and checks an archive written by {@link #seal}.
     *
     * @throws dev.pinkeeper.keys.backup.WrongPassphraseException if the passphrase is wrong
     * @throws InventoryException naming the problem, if it is not an intact site archive
     */
    public static SiteArchive open(byte[] pem, char[] passphrase) throws InventoryException {
        byte[] der;
        try {
            PemObject object = new PemReader(new StringReader(new String(pem, StandardCharsets.US_ASCII))).readPemObject();
            if (object == null || !PEM_TYPE.equals(object.getType())) {
                throw new InventoryException("not a site archive (no '" + PEM_TYPE + "' PEM block)");
            }
            der = object.getContent();
        } catch (IOException | RuntimeException e) {
            throw new InventoryException("not a site archive: " + e.getMessage(), e);
        }
        byte[] plain = EncryptedKeyCodec.open(der, passphrase);
        int newline = indexOf(plain, (byte) '\n');
        if (newline != 64) {
            throw new dev.pinkeeper.keys.backup.WrongPassphraseException(
                    "cannot decrypt the site archive: wrong passphrase (or a damaged file)", null);
        }
        byte[] json = java.util.Arrays.copyOfRange(plain, newline + 1, plain.length);
        if (!new String(plain, 0, newline, StandardCharsets.US_ASCII).equals(sha256(json))) {
            throw new InventoryException("the site archive is damaged: its digest does not match its content");
        }
        try {
            return parse(JSON.readTree(json));
        } catch (IOException | RuntimeException e) {
            throw new InventoryException("the site archive is damaged: " + e.getMessage(), e);
        }
    }

    private static SiteArchive parse(JsonNode root) throws InventoryException {
        if (root.path("format").asInt(-1) != FORMAT) {
            throw new InventoryException("site archive format " + root.path("format") + " is not supported (expected "
                    + FORMAT + ")");
        }
        String site = root.path("site").asText("");
        try {
            StateDirectory.checkSiteName(site);
        } catch (IllegalArgumentException e) {
            throw new InventoryException("the site archive names " + e.getMessage(), e);
        }
        Instant exported;
        try {
            exported = Instant.parse(root.path("exported").asText(""));
        } catch (java.time.format.DateTimeParseException e) {
            throw new InventoryException("the site archive has no export time", e);
        }
        Map<String, Type> seen = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : root.path("entries")) {
            Entry entry = entry(node);
            String parent = parent(entry.path());
            if (parent != null && seen.get(parent) != Type.DIRECTORY) {
                throw new InventoryException("site archive entry " + entry.path() + " comes before its folder");
            }
            if (seen.put(entry.path(), entry.type()) != null) {
                throw new InventoryException("site archive entry " + entry.path() + " appears twice");
            }
            entries.add(entry);
        }
        for (Entry entry : entries) {
            if (entry.type() == Type.SYMLINK && !seen.containsKey(resolve(entry))) {
                throw new InventoryException("site archive symlink " + entry.path() + " points at "
                        + entry.target() + ", which the archive does not hold");
            }
        }
        return new SiteArchive(site, exported, entries);
    }

    private static Entry entry(JsonNode node) throws InventoryException {
        String path = node.path("path").asText("");
        checkPath(path);
        String typeName = node.path("type").asText("");
        Type type;
        try {
            type = Type.valueOf(typeName.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InventoryException("site archive entry " + path + " has the unknown type '" + typeName + "'", e);
        }
        if (type == Type.SYMLINK) {
            String target = node.path("target").asText("");
            Entry entry = new Entry(path, type, null, null, target);
            resolve(entry);
            return entry;
        }
        String mode = node.path("mode").asText("");
        if (!MODE.matcher(mode).matches()) {
            throw new InventoryException("site archive entry " + path + " has the mode '" + mode + "'");
        }
        if (type == Type.DIRECTORY) {
            return new Entry(path, type, mode, null, null);
        }
        try {
            return new Entry(path, type, mode, Base64.getDecoder().decode(node.path("data").asText("")), null);
        } catch (IllegalArgumentException e) {
            throw new InventoryException("site archive entry " + path + " has damaged data", e);
        }
    }

    /** A relative path of plain names: no {@code ..}, no hidden or temporary name, no absolute path. */
    private static void checkPath(String path) throws InventoryException {
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new InventoryException("site archive entry '" + path + "' is not a plain relative path");
            }
        }
    }

    /** The path a symlink's target names, relative to the site's folder. */
    private static String resolve(Entry link) throws InventoryException {
        String parent = parent(link.path());
        List<String> parts = new ArrayList<>();
        if (parent != null) {
            parts.addAll(List.of(parent.split("/")));
        }
        if (link.target().isEmpty() || link.target().startsWith("/")) {
            throw new InventoryException("site archive symlink " + link.path() + " must point inside the site");
        }
        for (String segment : link.target().split("/", -1)) {
            if (segment.equals("..")) {
                if (parts.isEmpty()) {
                    throw new InventoryException("site archive symlink " + link.path() + " points outside the site");
                }
                parts.remove(parts.size() - 1);
            } else if (!segment.equals(".")) {
                if (!SEGMENT.matcher(segment).matches()) {
                    throw new InventoryException("site archive symlink " + link.path() + " has the target '"
                            + link.target() + "'");
                }
                parts.add(segment);
            }
        }
        return String.join("/", parts);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? null : path.substring(0, slash);
    }

    /**
     * Writes every entry under {@code folder} (which must not exist; created 0700): folders first, each
     * file with its mode, symlinks last.
     */
    public void writeTo(Path folder) throws IOException {
        SafeFiles.createPrivateDirectory(folder);
        for (Entry entry : entries) {
            Path path = folder.resolve(entry.path());
            switch (entry.type()) {
                case DIRECTORY -> {
                    Files.createDirectory(path);
                    Files.setPosixFilePermissions(path, entry.permissions());
                }
                case FILE -> SafeFiles.writeNew(path, entry.data(), entry.permissions());
                case SYMLINK -> Files.createSymbolicLink(path, Path.of(entry.target()));
                default -> throw new IllegalStateException();
            }
        }
        for (Entry entry : entries) {
            if (entry.type() == Type.DIRECTORY) {
                SafeFiles.fsyncDirectory(folder.resolve(entry.path()));
            }
        }
        SafeFiles.fsyncDirectory(folder);
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
