package dev.pinkeeper.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text output in which no character from an input can drive the terminal: control characters (C0 but
 * tab and line feed, DEL, and in UTF-8 the C1 controls) and the bidirectional overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) are written as the visible escape {@code \}{@code uXXXX}, which is also a
 * valid escape inside a JSON string. Every message and every rendering reaches the terminal through it:
 * {@link Main#main} puts it under standard output and standard error, so no command, library message or
 * log line can print a site name, file name, header or certificate subject raw.
 */
final class EscapingOutputStream extends FilterOutputStream {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final boolean utf8;
    /** The first bytes of a UTF-8 sequence that may be an escaped character, waiting for the rest. */
    private final byte[] pending = new byte[2];
    private int pendingLength;

    /** @param utf8 whether the text is UTF-8 (else any ASCII-compatible single-byte charset) */
    EscapingOutputStream(OutputStream out, boolean utf8) {
        super(out);
        this.utf8 = utf8;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset; // bytes[start, i) pass through unchanged
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i] & 0xff;
            if (pendingLength == 0 && !mayNeedEscape(b)) {
                continue;
            }
            out.write(bytes, start, i - start);
            start = i + 1;
            accept(b);
        }
        out.write(bytes, start, offset + length - start);
    }

    private boolean mayNeedEscape(int b) {
        return b < 0x20 && b != '\n' && b != '\t' || b == 0x7f || utf8 && (b == 0xc2 || b == 0xe2);
    }

    /** Handles a byte that is, or follows, the start of something to escape. */
    private void accept(int b) throws IOException {
        if (pendingLength == 0) {
            if (b == 0xc2 || b == 0xe2) {
                pending[pendingLength++] = (byte) b;
            } else {
                escape(b);
            }
            return;
        }
        int lead = pending[0] & 0xff;
        if (lead == 0xc2 && b >= 0x80 && b <= 0x9f) { // U+0080..U+009F: C1 controls
            pendingLength = 0;
            escape(b);
        } else if (lead == 0xe2 && pendingLength == 1 && (b == 0x80 || b == 0x81)) {
            pending[pendingLength++] = (byte) b;
        } else if (lead == 0xe2 && pendingLength == 2 && b >= 0x80 && b <= 0xbf) {
            int codePoint = 0x2000 | (pending[1] & 0x3f) << 6 | b & 0x3f;
            pendingLength = 0;
            if (codePoint >= 0x202a && codePoint <= 0x202e || codePoint >= 0x2066 && codePoint <= 0x2069) {
                escape(codePoint);
            } else {
                out.write(new byte[] {(byte) 0xe2, pending[1], (byte) b});
            }
        } else { // not a sequence to escape: write what waited, then this byte afresh
            out.write(pending, 0, pendingLength);
            pendingLength = 0;
            if (mayNeedEscape(b)) {
                accept(b);
            } else {
                out.write(b);
            }
        }
    }

    private void escape(int codePoint) throws IOException {
        out.write(new byte[] {'\\', 'u', HEX[codePoint >> 12 & 0xf], HEX[codePoint >> 8 & 0xf],
                HEX[codePoint >> 4 & 0xf], HEX[codePoint & 0xf]});
    }

    @Override
    public synchronized void flush() throws IOException {
        out.write(pending, 0, pendingLength); // an incomplete sequence is written as it is
        pendingLength = 0;
        out.flush();
    }
}
