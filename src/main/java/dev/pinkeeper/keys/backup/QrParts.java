package dev.pinkeeper.keys.backup;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pinkeeper.keys.InventoryException;

/**
 * Splits an encrypted key into QR code texts and joins scanned texts back. Each text is
 * {@code pinkeeper-backup:I/N:BASE64}; the base64 pieces in order 1..N make the DER key. Joining
 * accepts the texts in any order, separated by anything (new lines, spaces), and says which part
 * is missing.
 */
public final class QrParts {
    /** Prefix of every QR text. */
    public static final String PREFIX = "pinkeeper-backup:";
    /** Longest base64 piece per QR code: about a version 25 code at error correction level Q. */
    public static final int MAX_PIECE = 700;

    private static final Pattern PART = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)/(\\d+):([A-Za-z0-9+/=]+)");

    private QrParts() {
    }

    /** The QR texts of a DER key: as few parts as fit {@link #MAX_PIECE}, of even size. */
    public static List<String> split(byte[] der) {
        String base64 = Base64.getEncoder().encodeToString(der);
        int count = Math.max(1, (base64.length() + MAX_PIECE - 1) / MAX_PIECE);
        int size = (base64.length() + count - 1) / count;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String piece = base64.substring(i * size, Math.min(base64.length(), (i + 1) * size));
            parts.add(PREFIX + (i + 1) + "/" + count + ":" + piece);
        }
        return parts;
    }

    /**
     * The DER key from scanned texts.
     *
     * @throws InventoryException if there is no part, parts disagree on N, or a part is missing
     */
    public static byte[] join(String scanned) throws InventoryException {
        Matcher matcher = PART.matcher(scanned);
        TreeMap<Integer, String> pieces = new TreeMap<>();
        int total = -1;
        while (matcher.find()) {
            int index = Integer.parseInt(matcher.group(1));
            int count = Integer.parseInt(matcher.group(2));
            if (total >= 0 && count != total) {
                throw new InventoryException("the scanned parts belong to different backups (1/" + total + " and 1/"
                        + count + ")");
            }
            total = count;
            String previous = pieces.put(index, matcher.group(3));
            if (previous != null && !previous.equals(matcher.group(3))) {
                throw new InventoryException("part " + index + " of " + count + " was scanned twice with different text");
            }
        }
        if (total < 0) {
            throw new InventoryException("no '" + PREFIX + "I/N:…' text found (scan every QR code of the sheet)");
        }
        ByteArrayOutputStream base64 = new ByteArrayOutputStream();
        for (int i = 1; i <= total; i++) {
            String piece = pieces.get(i);
            if (piece == null) {
                throw new InventoryException("part " + i + " of " + total + " is missing: scan it too");
            }
            base64.writeBytes(piece.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        try {
            return Base64.getDecoder().decode(base64.toByteArray());
        } catch (IllegalArgumentException e) {
            throw new InventoryException("the scanned text is damaged (not base64): " + e.getMessage(), e);
        }
    }
}
