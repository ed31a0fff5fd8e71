package org.opencpm.sip.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opencpm.sip.internal.grammar.Chars;
import org.opencpm.sip.internal.grammar.Scanner;

/**
 * An ordered list of {@code ;name[=value]} parameters, as on Via, Contact, URIs and most header
 * values. Names compare case-insensitively (RFC 3261 §7.3.1). A parameter without a value
 * ({@code ;lr}, {@code ;rport}) has a {@code null} raw value. Values are kept as written, quotes
 * included, so that a message is re-serialized as it was; {@link #get} returns them unquoted.
 *
 * <p>Immutable; {@link #with} and {@link #without} return copies.
 */
public final class Parameters {

    public static final Parameters EMPTY = new Parameters(List.of());

    /** One parameter: the name as written and the raw value (quotes kept) or null. */
    public record Param(String name, String rawValue) {
        public String value() {
            return unquote(rawValue);
        }
    }

    private final List<Param> params;

    private Parameters(List<Param> params) {
        this.params = params;
    }

    public static Parameters of(List<Param> params) {
        return params.isEmpty() ? EMPTY : new Parameters(List.copyOf(params));
    }

    /**
     * Parses {@code *( SEMI generic-param )} from the scanner, stopping at anything that is not a
     * separator {@code sep} followed by a parameter (for URIs {@code sep} is ';' without LWS).
     *
     * @param lws whether linear white space may surround separators (header params: yes; URI params: no)
     */
    public static Parameters parse(Scanner sc, boolean lws) {
        List<Param> list = null;
        while (true) {
            int save = sc.position();
            boolean sep = lws ? sc.acceptSeparator(';') : sc.accept(';');
            if (!sep) {
                sc.position(save);
                break;
            }
            if (lws && !sc.atToken()) {
                throw sc.fail(sc.atEnd() || sc.peek() == ';' || sc.peek() == ',' ? "empty parameter" : "bad parameter name");
            }
            String name = lws ? sc.token() : uriParamText(sc, "name");
            String value = null;
            if (lws ? sc.acceptSeparator('=') : sc.accept('=')) {
                if (sc.peek() == '"') {
                    int start = sc.position();
                    sc.skipQuotedString();
                    value = sc.input().substring(start, sc.position());
                } else if (sc.peek() == '[') {
                    // gen-value may be an IPv6 reference (received=[::1])
                    value = sc.until("];,? \t>") + (sc.accept(']') ? "]" : "");
                } else {
                    value = lws ? sc.token() : uriParamText(sc, "value");
                }
            }
            if (list == null) {
                list = new ArrayList<>(4);
            }
            list.add(new Param(name, value));
        }
        return list == null ? EMPTY : new Parameters(list);
    }

    // paramchar = param-unreserved / unreserved / escaped ; param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$"
    private static String uriParamText(Scanner sc, String what) {
        String in = sc.input();
        int start = sc.position();
        int p = start;
        while (p < in.length()) {
            char c = in.charAt(p);
            if (Chars.isUnreserved(c) || "[]/:&+$%".indexOf(c) >= 0) {
                p++;
            } else {
                break;
            }
        }
        if (p == start && what.equals("name")) {
            throw sc.fail("empty URI parameter name");
        }
        sc.position(p);
        return in.substring(start, p);
    }

    public boolean isEmpty() {
        return params.isEmpty();
    }

    public int size() {
        return params.size();
    }

    public List<Param> asList() {
        return Collections.unmodifiableList(params);
    }

    public boolean has(String name) {
        return find(name) != null;
    }

    /** The unquoted value, empty if the parameter is absent or has no value. */
    public Optional<String> get(String name) {
        Param p = find(name);
        return p == null || p.rawValue == null ? Optional.empty() : Optional.of(p.value());
    }

    /** The value as written (quotes kept), or null if absent or valueless. */
    public String raw(String name) {
        Param p = find(name);
        return p == null ? null : p.rawValue;
    }

    private Param find(String name) {
        for (Param p : params) {
            if (p.name.equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }

    /** A copy with {@code name} set to {@code rawValue} (null for a flag), replacing any earlier value in place. */
    public Parameters with(String name, String rawValue) {
        List<Param> copy = new ArrayList<>(params.size() + 1);
        boolean replaced = false;
        for (Param p : params) {
            if (p.name.equalsIgnoreCase(name)) {
                if (!replaced) {
                    copy.add(new Param(p.name, rawValue));
                    replaced = true;
                }
            } else {
                copy.add(p);
            }
        }
        if (!replaced) {
            copy.add(new Param(name, rawValue));
        }
        return new Parameters(copy);
    }

    public Parameters without(String name) {
        if (!has(name)) {
            return this;
        }
        List<Param> copy = new ArrayList<>(params.size());
        for (Param p : params) {
            if (!p.name.equalsIgnoreCase(name)) {
                copy.add(p);
            }
        }
        return of(copy);
    }

    /** Appends {@code ;name[=value]} for each parameter. */
    public void appendTo(StringBuilder sb) {
        for (Param p : params) {
            sb.append(';').append(p.name);
            if (p.rawValue != null) {
                sb.append('=').append(p.rawValue);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters other && normalized().equals(other.normalized());
    }

    @Override
    public int hashCode() {
        return normalized().hashCode();
    }

    private List<String> normalized() {
        List<String> n = new ArrayList<>(params.size());
        for (Param p : params) {
            n.add(p.name.toLowerCase(Locale.ROOT) + "=" + p.rawValue);
        }
        Collections.sort(n);
        return n;
    }

    /** Removes surrounding double quotes and resolves quoted-pairs; other values pass unchanged. */
    public static String unquote(String raw) {
        if (raw == null || raw.length() < 2 || raw.charAt(0) != '"' || raw.charAt(raw.length() - 1) != '"') {
            return raw;
        }
        return new Scanner(raw, "quoted string").quotedString();
    }

    /** Quotes {@code value} as a quoted-string, escaping '"' and '\'. */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
