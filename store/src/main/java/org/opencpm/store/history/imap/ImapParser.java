package org.opencpm.store.history.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over one IMAP server response (RFC 3501 §9 formal syntax), literals included as they came
 * on the wire ({@code {n}CRLF} then n bytes). Knows the generic shapes only: atoms, quoted strings,
 * literals, {@code NIL}, parenthesised lists and bracketed response codes; the connection gives them
 * meaning. Malformed input throws {@link ImapProtocolException} with the offset.
 */
final class ImapParser {

    private final byte[] b;
    private int pos;

    ImapParser(byte[] raw) {
        this.b = raw;
    }

    boolean atEnd() {
        return pos >= b.length || b[pos] == '\r' || b[pos] == '\n';
    }

    boolean peek(char c) {
        return pos < b.length && b[pos] == c;
    }

    void skipSpaces() {
        while (pos < b.length && b[pos] == ' ') {
            pos++;
        }
    }

    /**
     * An atom, or any run of non-special characters; a {@code [...]} inside it is taken whole so that
     * fetch attributes like {@code BODY[HEADER.FIELDS (X)]} are one token.
     */
    String atom() {
        skipSpaces();
        int start = pos;
        while (pos < b.length) {
            byte c = b[pos];
            if (c == '[') {
                int depth = 0;
                while (pos < b.length) {
                    if (b[pos] == '[') {
                        depth++;
                    } else if (b[pos] == ']' && --depth == 0) {
                        break;
                    }
                    pos++;
                }
                if (pos >= b.length) {
                    throw error("unterminated [");
                }
                pos++;
                continue;
            }
            if (c == ' ' || c == '(' || c == ')' || c == '"' || c == '\r' || c == '\n' || c == '{' || c == ']') {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw error("atom expected");
        }
        return new String(b, start, pos - start, StandardCharsets.US_ASCII);
    }

    /** The text of a {@code [code]} at the cursor (without brackets), or {@code null} if none. */
    String responseCode() {
        skipSpaces();
        if (!peek('[')) {
            return null;
        }
        int start = ++pos;
        int depth = 1;
        while (pos < b.length && b[pos] != '\r' && b[pos] != '\n') {
            if (b[pos] == '[') {
                depth++;
            } else if (b[pos] == ']' && --depth == 0) {
                String code = new String(b, start, pos - start, StandardCharsets.UTF_8);
                pos++;
                return code;
            }
            pos++;
        }
        throw error("unterminated response code");
    }

    /** The rest of the current line. */
    String text() {
        skipSpaces();
        int start = pos;
        while (pos < b.length && b[pos] != '\r' && b[pos] != '\n') {
            pos++;
        }
        return new String(b, start, pos - start, StandardCharsets.UTF_8);
    }

    /**
     * One value: {@code null} for NIL, a String for an atom or quoted string, a byte[] for a literal, a
     * List for a parenthesised list.
     */
    Object value() {
        skipSpaces();
        if (pos >= b.length) {
            throw error("value expected");
        }
        switch (b[pos]) {
            case '"':
                return quoted();
            case '{':
                return literal();
            case '(':
                pos++;
                List<Object> list = new ArrayList<>();
                while (true) {
                    skipSpaces();
                    if (peek(')')) {
                        pos++;
                        return list;
                    }
                    if (atEnd()) {
                        throw error("unterminated list");
                    }
                    list.add(value());
                }
            default:
                String atom = atom();
                return atom.equalsIgnoreCase("NIL") ? null : atom;
        }
    }

    /** An astring or nstring as text; {@code null} for NIL. */
    String string() {
        return asString(value());
    }

    static String asString(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (v instanceof String s) {
            return s;
        }
        throw new ImapProtocolException("string expected, got a list " + v);
    }

    private String quoted() {
        pos++;
        StringBuilder s = new StringBuilder();
        int start = pos;
        while (pos < b.length && b[pos] != '"') {
            if (b[pos] == '\\' && pos + 1 < b.length) {
                pos++;
            }
            if (b[pos] == '\r' || b[pos] == '\n') {
                throw error("line break in a quoted string");
            }
            pos++;
        }
        if (pos >= b.length) {
            throw error("unterminated quoted string");
        }
        String raw = new String(b, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                c = raw.charAt(++i);
            }
            s.append(c);
        }
        return s.toString();
    }

    private byte[] literal() {
        int close = pos;
        while (close < b.length && b[close] != '}') {
            close++;
        }
        if (close >= b.length) {
            throw error("unterminated literal length");
        }
        String digits = new String(b, pos + 1, close - pos - 1, StandardCharsets.US_ASCII);
        if (digits.endsWith("+")) {
            digits = digits.substring(0, digits.length() - 1);
        }
        int n;
        try {
            n = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw error("bad literal length '" + digits + "'");
        }
        pos = close + 1;
        if (pos + 1 < b.length && b[pos] == '\r' && b[pos + 1] == '\n') {
            pos += 2;
        } else {
            throw error("CRLF expected after a literal length");
        }
        if (pos + n > b.length) {
            throw error("literal of " + n + " bytes runs past the response");
        }
        byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
        pos += n;
        return out;
    }

    private ImapProtocolException error(String what) {
        return new ImapProtocolException(what + " at offset " + pos);
    }
}
