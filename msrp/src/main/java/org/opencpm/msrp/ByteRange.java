package org.opencpm.msrp;

/**
 * The Byte-Range header (RFC 4975 §7.1.1): {@code start-end/total}, 1-based and inclusive.
 *
 * @param start the position of the chunk's first byte in the whole message, starting at 1
 * @param end   the position of its last byte, or {@link #UNKNOWN} for {@code *}
 * @param total the size of the whole message, or {@link #UNKNOWN} for {@code *}
 */
public record ByteRange(long start, long end, long total) {

    /** Stands for {@code *} in {@code end} or {@code total}. */
    public static final long UNKNOWN = -1;

    public ByteRange {
        if (start < 1) {
            throw new IllegalArgumentException("Byte-Range start must be at least 1: " + start);
        }
        if (end != UNKNOWN && end < start - 1) {
            throw new IllegalArgumentException("Byte-Range end " + end + " before start " + start);
        }
        if (total != UNKNOWN && end != UNKNOWN && end > total) {
            throw new IllegalArgumentException("Byte-Range end " + end + " beyond total " + total);
        }
    }

    /** The range of a whole message of {@code size} bytes sent in one chunk. */
    public static ByteRange whole(long size) {
        return new ByteRange(1, size, size);
    }

    /** The header value, e.g. {@code 1-25/25}. */
    public String wireValue() {
        return start + "-" + (end == UNKNOWN ? "*" : Long.toString(end)) + "/"
                + (total == UNKNOWN ? "*" : Long.toString(total));
    }

    @Override
    public String toString() {
        return wireValue();
    }
}
