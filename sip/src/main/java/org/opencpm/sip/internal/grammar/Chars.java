package org.opencpm.sip.internal.grammar;

/** Character classes of the RFC 3261 §25.1 grammar. */
public final class Chars {

    private static final boolean[] TOKEN = new boolean[128];
    private static final boolean[] UNRESERVED = new boolean[128];
    private static final boolean[] WORD = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = UNRESERVED[c] = WORD[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = UNRESERVED[c] = WORD[c] = true;
            TOKEN[c - 32] = UNRESERVED[c - 32] = WORD[c - 32] = true;
        }
        // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" )
        for (char c : "-.!%*_+`'~".toCharArray()) {
            TOKEN[c] = true;
        }
        // unreserved = alphanum / mark ; mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
        for (char c : "-_.!~*'()".toCharArray()) {
            UNRESERVED[c] = true;
        }
        // word = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" /
        //        "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}" )
        for (char c : "-.!%*_+`'~()<>:\\\"/[]?{}".toCharArray()) {
            WORD[c] = true;
        }
    }

    private Chars() {
    }

    public static boolean isToken(int c) {
        return c >= 0 && c < 128 && TOKEN[c];
    }

    public static boolean isUnreserved(int c) {
        return c >= 0 && c < 128 && UNRESERVED[c];
    }

    public static boolean isWord(int c) {
        return c >= 0 && c < 128 && WORD[c];
    }

    public static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    public static boolean isHex(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** WSP = SP / HTAB. */
    public static boolean isWsp(int c) {
        return c == ' ' || c == '\t';
    }

    /** True if every character is US-ASCII. */
    public static boolean isAscii(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    public static boolean isToken(CharSequence s) {
        if (s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isToken(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
