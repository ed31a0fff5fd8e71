package org.opencpm.msrp.internal.grammar;

/**
 * The character classes of the RFC 4975 §9 grammar as one table lookup per character, for the scanners that run
 * on every message (transact-id, token, session-id, transport).
 */
final class CharClasses {

    static final int ALPHANUM = 1;
    /** {@code ident-char = ALPHANUM / "." / "-" / "+" / "%" / "="}. */
    static final int IDENT = 2;
    /** {@code token} characters of RFC 3261: {@code ALPHANUM / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"}. */
    static final int TOKEN = 4;
    /** {@code session-id} characters: {@code unreserved / "+" / "=" / "/"}. */
    static final int SESSION_ID = 8;

    private static final byte[] TABLE = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            int bits = 0;
            if (alnum) {
                bits |= ALPHANUM | IDENT | TOKEN | SESSION_ID;
            }
            if (".-+%=".indexOf(c) >= 0) {
                bits |= IDENT;
            }
            if ("-.!%*_+`'~".indexOf(c) >= 0) {
                bits |= TOKEN;
            }
            if ("-._~+=/".indexOf(c) >= 0) {
                bits |= SESSION_ID;
            }
            TABLE[c] = (byte) bits;
        }
    }

    private CharClasses() {
    }

    /** True if {@code c} is in every class of {@code classes}. */
    static boolean is(int c, int classes) {
        return c >= 0 && c < 128 && (TABLE[c] & classes) == classes;
    }
}
