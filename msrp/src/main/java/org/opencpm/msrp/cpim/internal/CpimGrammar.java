package org.opencpm.msrp.cpim.internal;

import java.util.Optional;
import org.opencpm.msrp.cpim.CpimAddress;

/**
 * RFC 3862 §3.1 and §4 grammar rules, one method per rule, shared by the parser, the builder and
 * the value records. Methods that parse a value throw {@link IllegalArgumentException}; the
 * parser turns it into a {@code CpimParseException} with the header's offset.
 *
 * <pre>
 * NAMECHAR  = %x21 / %x23-27 / %x2a-2b / %x2d / %x5e-60 / %x7c / %x7e / ALPHA / DIGIT
 * TOKENCHAR = NAMECHAR / "." / UCS-high
 * String    = DQUOTE *( Str-char / Escape ) DQUOTE
 * </pre>
 */
public final class CpimGrammar {

    private CpimGrammar() {
    }

    /** {@code NAMECHAR}. */
    public static boolean isNameChar(int c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2a || c == 0x2b || c == 0x2d
                || (c >= 0x5e && c <= 0x60) || c == 0x7c || c == 0x7e
                || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** {@code Name = 1*NAMECHAR}. */
    public static boolean isName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code Header-name = [ Name-prefix "." ] Name}. */
    public static boolean isHeaderName(String s) {
        int dot = s.indexOf('.');
        return dot < 0 ? isName(s) : isName(s.substring(0, dot)) && isName(s.substring(dot + 1));
    }

    /** {@code TOKENCHAR}: a name character, a dot, or any non-ASCII character. */
    public static boolean isTokenChar(int c) {
        return isNameChar(c) || c == '.' || c > 0x7f;
    }

    /** RFC 5322 {@code field-name = 1*ftext}, {@code ftext = %d33-57 / %d59-126}. */
    public static boolean isMimeFieldName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                return false;
            }
        }
        return true;
    }

    /** Whether the text holds a control character other than horizontal tab (HEADERCHAR excludes CTLs). */
    public static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** A URI that can sit between angle brackets: non-empty, no brackets, whitespace or controls. */
    public static boolean isAngleUri(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '<' || c == '>') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code [ Formal-name ] "<" URI ">"}; also accepts a bare URI without brackets.
     *
     * @throws IllegalArgumentException if the value does not match
     */
    public static CpimAddress parseAddress(String value) {
        String v = value.strip();
        if (v.startsWith("\"")) {
            StringBuilder name = new StringBuilder();
            int end = readString(v, 0, name);
            String rest = v.substring(end).strip();
            return new CpimAddress(Optional.of(name.toString()), angleUri(rest, value));
        }
        int lt = v.indexOf('<');
        if (lt < 0) {
            if (!isAngleUri(v)) {
                throw new IllegalArgumentException("not an address: '" + value + "'");
            }
            return CpimAddress.of(v);
        }
        String name = v.substring(0, lt).strip();
        String uri = angleUri(v.substring(lt), value);
        return new CpimAddress(name.isEmpty() ? Optional.empty() : Optional.of(name), uri);
    }

    /**
     * {@code NS: [ Name-prefix SP ] "<" URI ">"}.
     *
     * @return the prefix ({@code ""} for the default namespace) and the URI
     * @throws IllegalArgumentException if the value does not match
     */
    public static String[] parseNamespace(String value) {
        String v = value.strip();
        int lt = v.indexOf('<');
        if (lt < 0) {
            throw new IllegalArgumentException("NS value lacks <URI>: '" + value + "'");
        }
        String prefix = v.substring(0, lt).strip();
        if (!prefix.isEmpty() && !isName(prefix)) {
            throw new IllegalArgumentException("NS prefix is not a Name: '" + prefix + "'");
        }
        return new String[] {prefix, angleUri(v.substring(lt), value)};
    }

    /** The formal name as written on the wire: tokens as they are, anything else as a quoted String. */
    public static String formalName(String name) {
        boolean tokens = !name.isEmpty() && !name.startsWith(" ") && !name.endsWith(" ") && !name.contains("  ");
        for (int i = 0; tokens && i < name.length(); i++) {
            char c = name.charAt(i);
            tokens = c == ' ' || isTokenChar(c);
        }
        if (tokens) {
            return name;
        }
        StringBuilder quoted = new StringBuilder(name.length() + 2).append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    /**
     * Reads a quoted {@code String} starting at {@code start} (on the opening quote) into
     * {@code out}, resolving escapes.
     *
     * <pre>
     * Escape = ESCAPE ( "u" 4(HEXCHAR) / "b" / "t" / "n" / "r" / DQUOTE / "'" / ESCAPE )
     * </pre>
     *
     * @return the index just after the closing quote
     * @throws IllegalArgumentException if the string is not closed or an escape is bad
     */
    public static int readString(String s, int start, StringBuilder out) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return i;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i >= s.length()) {
                break;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw new IllegalArgumentException("truncated \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw new IllegalArgumentException("bad \\u escape: " + s.substring(i, i + 4), ex);
                    }
                    i += 4;
                }
                case 'b' -> out.append('\b');
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                default -> out.append(e);
            }
        }
        throw new IllegalArgumentException("unterminated quoted string");
    }

    private static String angleUri(String bracketed, String whole) {
        if (!bracketed.startsWith("<") || !bracketed.endsWith(">")) {
            throw new IllegalArgumentException("expected <URI> in '" + whole + "'");
        }
        String uri = bracketed.substring(1, bracketed.length() - 1);
        if (!isAngleUri(uri)) {
            throw new IllegalArgumentException("not a URI in '" + whole + "'");
        }
        return uri;
    }
}
