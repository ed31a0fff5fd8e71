package org.opencpm.sip.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The header fields of a SIP message in order, names canonical ({@link HeaderNames#canonical}).
 *
 * <p>Values are kept as strings; typed access parses on demand, so that a proxy that only touches
 * Via, Route and Max-Forwards does not pay for the rest. For list headers, {@link #values} splits
 * each field at top-level commas (not inside quotes or angle brackets), so that
 * {@code Via: a, b} and two Via fields read the same.
 */
public final class Headers {

    public static final Headers EMPTY = new Headers(List.of());

    private final List<Header> fields;

    private Headers(List<Header> fields) {
        this.fields = fields;
    }

    public static Headers of(List<Header> fields) {
        return fields.isEmpty() ? EMPTY : new Headers(List.copyOf(fields));
    }

    static Headers wrap(List<Header> fields) {
        return new Headers(Collections.unmodifiableList(fields));
    }

    public List<Header> all() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public boolean has(String name) {
        String k = HeaderNames.known(name);
        String n = k != null ? k : name;
        for (int i = 0, size = fields.size(); i < size; i++) {
            Header h = fields.get(i);
            if (k != null ? h.name() == k : h.name().equalsIgnoreCase(n)) {
                return true;
            }
        }
        return false;
    }

    /** The first field's value (the whole field, not split), or null. */
    public String first(String name) {
        String k = HeaderNames.known(name);
        String n = k != null ? k : name;
        for (int i = 0, size = fields.size(); i < size; i++) {
            Header h = fields.get(i);
            if (k != null ? h.name() == k : h.name().equalsIgnoreCase(n)) {
                return h.value();
            }
        }
        return null;
    }

    /** How many fields of this name there are (not split at commas). */
    public int count(String name) {
        String k = HeaderNames.known(name);
        String n = k != null ? k : name;
        int c = 0;
        for (int i = 0, size = fields.size(); i < size; i++) {
            Header h = fields.get(i);
            if (k != null ? h.name() == k : h.name().equalsIgnoreCase(n)) {
                c++;
            }
        }
        return c;
    }

    /** All values of the header in order; list headers split at top-level commas. */
    public List<String> values(String name) {
        String k = HeaderNames.known(name);
        String n = k != null ? k : name;
        boolean list = HeaderNames.isList(n);
        // k: a known header, whose fields all carry the canonical constant (see Header)
        List<String> out = null;
        for (int i = 0, size = fields.size(); i < size; i++) {
            Header h = fields.get(i);
            if (k != null ? h.name() == k : h.name().equalsIgnoreCase(n)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                if (list) {
                    splitList(h.value(), out);
                } else {
                    out.add(h.value());
                }
            }
        }
        return out == null ? List.of() : out;
    }

    /** All values parsed by {@code parser}; a value that does not parse throws {@link SipParseException}. */
    public <T> List<T> parsed(String name, Function<String, T> parser) {
        List<String> raw = values(name);
        if (raw.isEmpty()) {
            return List.of();
        }
        List<T> out = new ArrayList<>(raw.size());
        for (String v : raw) {
            out.add(parser.apply(v));
        }
        return out;
    }

    /** Splits a list value at commas outside quoted strings and angle brackets; empty elements are dropped. */
    public static void splitList(String value, List<String> out) {
        if (value.indexOf(',') < 0) {
            addTrimmed(value, 0, value.length(), out);
            return;
        }
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                depth++;
            } else if (c == '>') {
                if (depth > 0) {
                    depth--;
                }
            } else if (c == ',' && depth == 0) {
                addTrimmed(value, start, i, out);
                start = i + 1;
            }
        }
        addTrimmed(value, start, value.length(), out);
    }

    private static void addTrimmed(String s, int from, int to, List<String> out) {
        while (from < to && isWs(s.charAt(from))) {
            from++;
        }
        while (to > from && isWs(s.charAt(to - 1))) {
            to--;
        }
        if (to > from) {
            out.add(s.substring(from, to));
        }
    }

    private static boolean isWs(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Header h : fields) {
            sb.append(h).append("\r\n");
        }
        return sb.toString();
    }
}
