package dev.pinkeeper.read;

/**
 * A bounds-checked view of one DER TLV inside a byte array: just enough DER to find a
 * certificate's subject and SubjectPublicKeyInfo without building an ASN.1 tree (the bulk
 * pinning path). Anything malformed throws {@link MalformedDerException}.
 */
final class DerElement {
    static final int SEQUENCE = 0x30;
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int CONTEXT_0 = 0xA0;

    final byte[] der;
    final int start;      // first byte of the tag
    final int tag;
    final int valueStart; // first byte of the contents
    final int end;        // one past the last byte of the contents

    private DerElement(byte[] der, int start, int tag, int valueStart, int end) {
        this.der = der;
        this.start = start;
        this.tag = tag;
        this.valueStart = valueStart;
        this.end = end;
    }

    /** Reads the element that starts at {@code offset} and must end at or before {@code limit}. */
    static DerElement at(byte[] der, int offset, int limit) throws MalformedDerException {
        if (offset + 2 > limit) {
            throw new MalformedDerException("truncated DER");
        }
        int tag = der[offset] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw new MalformedDerException("unsupported multi-byte DER tag");
        }
        int first = der[offset + 1] & 0xFF;
        int pos = offset + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7F;
            if (count == 0) {
                throw new MalformedDerException("indefinite length is not DER");
            }
            if (count > 4 || pos + count > limit) {
                throw new MalformedDerException("bad DER length");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (der[pos++] & 0xFF);
            }
        }
        if (length > limit - pos) {
            throw new MalformedDerException("DER element longer than its container");
        }
        return new DerElement(der, offset, tag, pos, pos + (int) length);
    }

    /** The first element inside this one (which must be constructed). */
    DerElement firstChild() throws MalformedDerException {
        return at(der, valueStart, end);
    }

    /** The element after this one, inside the same parent. */
    DerElement next(DerElement parent) throws MalformedDerException {
        return at(der, end, parent.end);
    }

    DerElement expect(int expectedTag, String what) throws MalformedDerException {
        if (tag != expectedTag) {
            throw new MalformedDerException("not " + what);
        }
        return this;
    }

    int encodedLength() {
        return end - start;
    }

    byte[] encoded() {
        byte[] copy = new byte[end - start];
        System.arraycopy(der, start, copy, 0, copy.length);
        return copy;
    }

    /** Signals DER that does not have the expected structure. */
    static final class MalformedDerException extends Exception {
        MalformedDerException(String message) {
            super(message, null, false, false);
        }
    }
}
