package org.opencpm.bench.msrp;

import java.nio.charset.StandardCharsets;

/**
 * A CPIM-wrapped chat message (RFC 3862 with the {@code imdn} namespace, as CPM sends it) of a chosen total
 * size, carrying the sender's {@link System#nanoTime()} as 16 hex digits at the start of its text, so that a
 * receiver in the same JVM can compute the one-way latency.
 */
final class CpimBody {

    static final String CONTENT_TYPE = "message/cpim";
    private static final int STAMP_DIGITS = 16;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final byte[] template;
    private final int stampOffset;

    /** @param size total body size in bytes (at least the size of the CPIM headers, about 330 bytes) */
    CpimBody(int size) {
        String head = "From: <sip:+15551230001@bench.opencpm.org>\r\n"
                + "To: <sip:+15551230002@bench.opencpm.org>\r\n"
                + "DateTime: 2026-11-22T03:00:00.000Z\r\n"
                + "NS: imdn <urn:ietf:params:imdn>\r\n"
                + "imdn.Message-ID: Bench0000000000000000\r\n"
                + "imdn.Disposition-Notification: positive-delivery, display\r\n"
                + "\r\n"
                + "Content-Type: text/plain;charset=UTF-8\r\n";
        // Content-Length is written with 4 digits so that the header block has a fixed length.
        int fixed = head.length() + "Content-Length: 0000\r\n\r\n".length();
        int textLength = size - fixed;
        if (textLength < STAMP_DIGITS || textLength > 9999) {
            throw new IllegalArgumentException("body size must be between " + (fixed + STAMP_DIGITS) + " and "
                    + (fixed + 9999) + ": " + size);
        }
        String headers = head + String.format("Content-Length: %04d\r\n\r\n", textLength);
        StringBuilder text = new StringBuilder(textLength).append("0".repeat(STAMP_DIGITS));
        String filler = " The quick brown fox jumps over the lazy dog.";
        while (text.length() < textLength) {
            text.append(filler.charAt(text.length() % filler.length()));
        }
        this.template = (headers + text).getBytes(StandardCharsets.US_ASCII);
        this.stampOffset = headers.length();
    }

    int size() {
        return template.length;
    }

    /** A fresh copy of the body stamped with {@code nanoTime} (bodies are not copied by the session: one per send). */
    byte[] stamped(long nanoTime) {
        byte[] b = template.clone();
        for (int i = STAMP_DIGITS - 1, p = stampOffset; i >= 0; i--, p++) {
            b[p] = HEX[(int) (nanoTime >>> (i * 4)) & 0xf];
        }
        return b;
    }

    /** The nanoTime stamped into {@code body} by {@link #stamped}. */
    long stampOf(byte[] body) {
        long v = 0;
        for (int p = stampOffset; p < stampOffset + STAMP_DIGITS; p++) {
            int c = body[p];
            v = (v << 4) | (c <= '9' ? c - '0' : c - 'a' + 10);
        }
        return v;
    }
}
