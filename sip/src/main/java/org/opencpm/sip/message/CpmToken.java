package org.opencpm.sip.message;

import org.opencpm.sip.internal.grammar.Chars;

/** The value grammar shared by the CPM identifier headers: one RFC 3261 token, case-sensitive, bounded. */
final class CpmToken {

    /** Longer values are refused: identifiers are UUIDs or hex strings in practice (reference §2.1). */
    static final int MAX_LENGTH = 256;

    private CpmToken() {
    }

    static String parse(String text, String header) {
        String v = text.strip();
        check(v, header);
        return v;
    }

    static void check(String v, String header) {
        if (v.isEmpty()) {
            throw new SipParseException("Bad " + header + ": empty", 0);
        }
        if (v.length() > MAX_LENGTH) {
            throw new SipParseException("Bad " + header + ": longer than " + MAX_LENGTH, MAX_LENGTH);
        }
        for (int i = 0; i < v.length(); i++) {
            if (!Chars.isToken(v.charAt(i))) {
                throw new SipParseException("Bad " + header + ": illegal character", i);
            }
        }
    }

    /** 128 random bits as 32 lower-case hex digits (RFC 4086 randomness, as reference §2.1 recommends). */
    static String random() {
        byte[] b = new byte[16];
        Holder.RANDOM.nextBytes(b);
        StringBuilder sb = new StringBuilder(32);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.toString();
    }

    private static final class Holder {
        static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    }
}
