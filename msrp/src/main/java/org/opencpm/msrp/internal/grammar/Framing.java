package org.opencpm.msrp.internal.grammar;

import java.nio.charset.StandardCharsets;
import org.opencpm.msrp.ContinuationFlag;

/**
 * The framing rules of RFC 4975 §7.1 on plain byte arrays:
 * <pre>
 * end-line = "-------" transact-id continuation-flag CRLF
 * </pre>
 * A body ends where CRLF + end-line begins; the sender picks a transact-id that does not occur in the
 * body (§7.1), so the first match is the boundary.
 */
public final class Framing {

    private static final byte[] SEVEN_DASHES = "-------".getBytes(StandardCharsets.US_ASCII);

    private Framing() {
    }

    /** {@code "-------" + transactionId}, the end-line without flag and CRLF. */
    public static byte[] endLine(String transactionId) {
        byte[] id = transactionId.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[SEVEN_DASHES.length + id.length];
        System.arraycopy(SEVEN_DASHES, 0, out, 0, SEVEN_DASHES.length);
        System.arraycopy(id, 0, out, SEVEN_DASHES.length, id.length);
        return out;
    }

    /** CRLF followed by the end-line prefix: what ends a body. */
    public static byte[] bodyEndPattern(byte[] endLine) {
        byte[] out = new byte[endLine.length + 2];
        out[0] = '\r';
        out[1] = '\n';
        System.arraycopy(endLine, 0, out, 2, endLine.length);
        return out;
    }

    /** If {@code line[from, to)} is the end-line prefix plus one flag, that flag; otherwise {@code null}. */
    public static ContinuationFlag endLineFlag(byte[] line, int from, int to, byte[] endLine) {
        if (to - from != endLine.length + 1) {
            return null;
        }
        for (int i = 0; i < endLine.length; i++) {
            if (line[from + i] != endLine[i]) {
                return null;
            }
        }
        return ContinuationFlag.of(line[to - 1]);
    }

    /** Index of the first CRLF in {@code b[from, to)}, or -1. */
    public static int indexOfCrlf(byte[] b, int from, int to) {
        for (int i = from; i < to - 1; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first occurrence of {@code pattern} in {@code b[from, to)}, or -1. */
    public static int indexOf(byte[] b, int from, int to, byte[] pattern) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (b[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
