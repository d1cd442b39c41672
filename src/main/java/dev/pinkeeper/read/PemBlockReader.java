package dev.pinkeeper.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the blocks of a PEM stream (RFC 7468, with the RFC 1421 headers of OpenSSL's legacy
 * encrypted keys) one at a time, straight from bytes: text outside blocks is skipped, base64 is
 * decoded strictly, a block without its END line is an error. Memory stays bounded by one block
 * (at most {@link KeyMaterialReader#MAX_DER_BYTES} decoded) whatever the length of the stream.
 */
final class PemBlockReader {
    private static final byte[] BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "-----END ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DASHES = "-----".getBytes(StandardCharsets.US_ASCII);
    /** Longest base64 text of one block: what decodes to MAX_DER_BYTES. */
    private static final int MAX_BASE64 = (KeyMaterialReader.MAX_DER_BYTES + 2) / 3 * 4;
    /** Lines outside blocks are only looked at up to this length. */
    private static final int MAX_LINE = 1 << 12;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean lineTruncated;
    private byte[] base64 = new byte[1 << 12];

    PemBlockReader(InputStream in) {
        this.in = in;
    }

    /** One block: its label, its RFC 1421 headers (usually none) and its decoded contents. */
    record PemBlock(String type, Map<String, String> headers, byte[] der) {
    }

    /** Signals a block that is not well-formed PEM. */
    static final class MalformedPemException extends Exception {
        MalformedPemException(String message) {
            super(message, null, false, false);
        }
    }

    /** The next block, or null at the end of the stream. */
    PemBlock next() throws IOException, MalformedPemException {
        String type;
        while (true) {
            if (!readLine(MAX_LINE)) {
                return null;
            }
            if (!lineTruncated && startsWith(BEGIN) && endsWith(DASHES) && lineLength > BEGIN.length + DASHES.length) {
                type = new String(line, BEGIN.length, lineLength - BEGIN.length - DASHES.length, StandardCharsets.US_ASCII);
                break;
            }
        }
        Map<String, String> headers = Map.of();
        int base64Length = 0;
        boolean headersAllowed = true;
        while (true) {
            if (!readLine(MAX_BASE64 + 1)) {
                throw new MalformedPemException("no END line for BEGIN " + type);
            }
            if (lineTruncated) {
                throw new MalformedPemException(type + " block longer than " + KeyMaterialReader.MAX_DER_BYTES + " bytes");
            }
            if (startsWith(END)) {
                String endType = endsWith(DASHES) && lineLength >= END.length + DASHES.length
                        ? new String(line, END.length, lineLength - END.length - DASHES.length, StandardCharsets.US_ASCII)
                        : null;
                if (!type.equals(endType)) {
                    throw new MalformedPemException("BEGIN " + type + " ends with '"
                            + new String(line, 0, Math.min(lineLength, 80), StandardCharsets.US_ASCII) + "'");
                }
                break;
            }
            if (startsWith(BEGIN)) {
                throw new MalformedPemException("no END line for BEGIN " + type);
            }
            int colon = headersAllowed ? indexOf((byte) ':') : -1;
            if (colon > 0) {
                if (headers.isEmpty()) {
                    headers = new LinkedHashMap<>();
                }
                headers.put(new String(line, 0, colon, StandardCharsets.US_ASCII).strip(),
                        new String(line, colon + 1, lineLength - colon - 1, StandardCharsets.US_ASCII).strip());
                continue;
            }
            if (lineLength == 0) {
                headersAllowed = false;
                continue;
            }
            headersAllowed = false;
            base64Length = appendBase64(base64Length);
            if (base64Length > MAX_BASE64) {
                throw new MalformedPemException(type + " block longer than " + KeyMaterialReader.MAX_DER_BYTES + " bytes");
            }
        }
        try {
            return new PemBlock(type, headers, Base64.getDecoder().decode(Arrays.copyOf(base64, base64Length)));
        } catch (IllegalArgumentException e) {
            throw new MalformedPemException("bad base64 in " + type + " block");
        }
    }

    /** Appends the current line, without spaces and tabs, to the base64 text. */
    private int appendBase64(int length) {
        if (length + lineLength > base64.length) {
            base64 = Arrays.copyOf(base64, Math.max(base64.length * 2, length + lineLength));
        }
        for (int i = 0; i < lineLength; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t') {
                base64[length++] = b;
            }
        }
        return length;
    }

    /**
     * Reads the next line into {@code line} without its line ending and trailing blanks, keeping at
     * most {@code max} bytes ({@code lineTruncated} tells when more were skipped).
     *
     * @return false at the end of the stream
     */
    private boolean readLine(int max) throws IOException {
        lineLength = 0;
        lineTruncated = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return false;
                    }
                    break;
                }
            }
            any = true;
            int start = position;
            int newline = -1;
            for (int i = start; i < limit; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int stop = newline < 0 ? limit : newline;
            append(start, stop, max);
            position = newline < 0 ? limit : newline + 1;
            if (newline >= 0) {
                break;
            }
        }
        while (lineLength > 0 && (line[lineLength - 1] == '\r' || line[lineLength - 1] == ' '
                || line[lineLength - 1] == '\t')) {
            lineLength--;
        }
        return true;
    }

    private void append(int from, int to, int max) {
        int count = Math.min(to - from, max - lineLength);
        if (count < to - from) {
            lineTruncated = true;
        }
        if (count <= 0) {
            return;
        }
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + count));
        }
        System.arraycopy(buffer, from, line, lineLength, count);
        lineLength += count;
    }

    private boolean startsWith(byte[] prefix) {
        if (lineLength < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean endsWith(byte[] suffix) {
        if (lineLength < suffix.length) {
            return false;
        }
        int offset = lineLength - suffix.length;
        for (int i = 0; i < suffix.length; i++) {
            if (line[offset + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(byte b) {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
