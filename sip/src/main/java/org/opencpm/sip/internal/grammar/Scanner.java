package org.opencpm.sip.internal.grammar;

import org.opencpm.sip.message.SipParseException;

/**
 * A cursor over one header value (already unfolded), with one method per RFC 3261 §25.1 rule the
 * typed headers need. Each method consumes what its rule matches and nothing else; a method named
 * {@code expect…} throws {@link SipParseException} naming {@link #what} when the input does not match.
 */
public final class Scanner {

    private final String s;
    private final String what;
    private int pos;

    /**
     * @param s    the text to scan
     * @param what what the text is, for fault phrases ("Via", "Request-URI")
     */
    public Scanner(String s, String what) {
        this.s = s;
        this.what = what;
    }

    public int position() {
        return pos;
    }

    public void position(int p) {
        pos = p;
    }

    public String input() {
        return s;
    }

    public boolean atEnd() {
        return pos >= s.length();
    }

    /** The next char, or -1 at the end. */
    public int peek() {
        return pos < s.length() ? s.charAt(pos) : -1;
    }

    public int peek(int ahead) {
        return pos + ahead < s.length() ? s.charAt(pos + ahead) : -1;
    }

    public char next() {
        if (pos >= s.length()) {
            throw fail("unexpected end");
        }
        return s.charAt(pos++);
    }

    /** Consumes {@code c} if it is next. */
    public boolean accept(char c) {
        if (pos < s.length() && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    public void expect(char c) {
        if (!accept(c)) {
            throw fail("expected '" + c + "'");
        }
    }

    /** Skips linear white space (SP, HTAB, and any CR/LF left from folding). */
    public Scanner skipLws() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else {
                break;
            }
        }
        return this;
    }

    /** SWS c SWS: the separators of §25.1 (SEMI, COMMA, EQUAL, SLASH, COLON, ...). */
    public boolean acceptSeparator(char c) {
        int save = pos;
        skipLws();
        if (accept(c)) {
            skipLws();
            return true;
        }
        pos = save;
        return false;
    }

    public void expectSeparator(char c) {
        if (!acceptSeparator(c)) {
            throw fail("expected '" + c + "'");
        }
    }

    /** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"). */
    public String token() {
        int start = pos;
        while (pos < s.length() && Chars.isToken(s.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw fail("expected a token");
        }
        return s.substring(start, pos);
    }

    public boolean atToken() {
        return Chars.isToken(peek());
    }

    /** 1*DIGIT, as a long; rejects values that overflow. */
    public long digits(int maxDigits) {
        int start = pos;
        long v = 0;
        int n = s.length();
        char c;
        while (pos < n && (c = s.charAt(pos)) >= '0' && c <= '9') {
            if (pos - start < 18) {
                v = v * 10 + (c - '0');
            }
            pos++;
        }
        if (pos == start) {
            throw fail("expected digits");
        }
        if (pos - start > maxDigits) {
            throw fail("number too large");
        }
        return v;
    }

    /**
     * quoted-string = SWS DQUOTE *(qdtext / quoted-pair) DQUOTE, returned unquoted with quoted-pairs
     * resolved.
     */
    public String quotedString() {
        expect('"');
        StringBuilder out = null;
        int start = pos;
        while (true) {
            if (pos >= s.length()) {
                throw fail("unterminated quoted string");
            }
            char c = s.charAt(pos);
            if (c == '"') {
                String v = out == null ? s.substring(start, pos) : out.append(s, start, pos).toString();
                pos++;
                return v;
            }
            if (c == '\\') {
                if (pos + 1 >= s.length()) {
                    throw fail("unterminated quoted string");
                }
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(s, start, pos).append(s.charAt(pos + 1));
                pos += 2;
                start = pos;
                continue;
            }
            pos++;
        }
    }

    /** Skips a quoted-string (as {@link #quotedString} reads it) without building its value. */
    public void skipQuotedString() {
        expect('"');
        int close = s.indexOf('"', pos);
        int backslash = close < 0 ? -1 : s.indexOf('\\', pos);
        if (close >= 0 && (backslash < 0 || backslash > close)) {
            // no quoted-pair inside: jump to the closing quote
            pos = close + 1;
            return;
        }
        while (true) {
            if (pos >= s.length()) {
                throw fail("unterminated quoted string");
            }
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\') {
                if (pos + 1 >= s.length()) {
                    throw fail("unterminated quoted string");
                }
                pos += 2;
                continue;
            }
            pos++;
        }
    }

    /** Consumes characters up to (not including) any of {@code stops} at top level, or the end. */
    public String until(String stops) {
        int start = pos;
        while (pos < s.length() && stops.indexOf(s.charAt(pos)) < 0) {
            pos++;
        }
        return s.substring(start, pos);
    }

    public String rest() {
        String r = s.substring(pos);
        pos = s.length();
        return r;
    }

    public SipParseException fail(String detail) {
        return new SipParseException("Bad " + what + ": " + detail, pos);
    }
}
