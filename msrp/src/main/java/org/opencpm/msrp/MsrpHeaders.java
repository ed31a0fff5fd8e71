package org.opencpm.msrp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The header fields of an MSRP message, immutable and in wire order; names compare case-insensitively.
 *
 * <p>Headers are kept as raw text: the typed views ({@link MsrpMessage#toPath()}, {@link
 * MsrpRequest#byteRange()}, …) parse a value when they are asked for it, so that a relay that only
 * looks at the paths does not pay for the rest. Unknown headers are kept and written back unchanged.
 */
public final class MsrpHeaders {

    public static final String TO_PATH = "To-Path";
    public static final String FROM_PATH = "From-Path";
    public static final String MESSAGE_ID = "Message-ID";
    public static final String BYTE_RANGE = "Byte-Range";
    public static final String SUCCESS_REPORT = "Success-Report";
    public static final String FAILURE_REPORT = "Failure-Report";
    public static final String STATUS = "Status";
    public static final String CONTENT_TYPE = "Content-Type";

    /** The names looked up on every message; their positions are found once, when the headers are built. */
    private static final String[] KNOWN = {TO_PATH, FROM_PATH, MESSAGE_ID, BYTE_RANGE, SUCCESS_REPORT, FAILURE_REPORT,
        STATUS, CONTENT_TYPE};

    /** No headers. */
    public static final MsrpHeaders EMPTY = new MsrpHeaders(List.of());

    /** One header field as it appeared on the wire (value without surrounding whitespace). */
    public record Field(String name, String value) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private final List<Field> fields;
    /** For each {@link #KNOWN} name, 1 + the index of its first field, or 0 if absent. */
    private final byte[] knownAt = new byte[KNOWN.length];

    private MsrpHeaders(List<Field> fields) {
        this.fields = fields;
        for (int i = fields.size() - 1; i >= 0; i--) {
            int k = known(fields.get(i).name);
            if (k >= 0 && i < Byte.MAX_VALUE) {
                knownAt[k] = (byte) (i + 1);
            }
        }
    }

    /**
     * The index in {@link #KNOWN} of {@code name} (compared case-insensitively), or -1. The decoder passes the
     * constants themselves for names spelled as in RFC 4975, so the identity test usually decides.
     */
    private static int known(String name) {
        for (int k = 0; k < KNOWN.length; k++) {
            if (KNOWN[k] == name) {
                return k;
            }
        }
        for (int k = 0; k < KNOWN.length; k++) {
            if (KNOWN[k].length() == name.length() && KNOWN[k].equalsIgnoreCase(name)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * The constant of this class spelled exactly as {@code bytes[from, to)}, or {@code null}: lets a decoder share
     * the name strings of the common headers instead of allocating them per message.
     */
    public static String knownName(byte[] bytes, int from, int to) {
        int length = to - from;
        for (String k : KNOWN) {
            if (k.length() == length && matches(k, bytes, from)) {
                return k;
            }
        }
        return null;
    }

    private static boolean matches(String name, byte[] bytes, int from) {
        for (int i = 0; i < name.length(); i++) {
            if (bytes[from + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Headers holding exactly {@code fields}, in that order. */
    public static MsrpHeaders of(List<Field> fields) {
        return fields.isEmpty() ? EMPTY : new MsrpHeaders(List.copyOf(fields));
    }

    /** Headers holding {@code fields}, which the caller hands over and never changes again (no copy). */
    static MsrpHeaders ofOwned(List<Field> fields) {
        return fields.isEmpty() ? EMPTY : new MsrpHeaders(Collections.unmodifiableList(fields));
    }

    /** True if {@code name} is one of the name constants of this class itself (the very object). */
    static boolean isKnownName(String name) {
        for (String k : KNOWN) {
            if (k == name) {
                return true;
            }
        }
        return false;
    }

    /** The value of the first field named {@code name}, or {@code null}. */
    public String get(String name) {
        int k = known(name);
        if (k >= 0) {
            int at = knownAt[k];
            if (at > 0 || fields.size() < Byte.MAX_VALUE) {
                return at == 0 ? null : fields.get(at - 1).value;
            }
        }
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                return f.value;
            }
        }
        return null;
    }

    /** True if a field named {@code name} is present. */
    public boolean contains(String name) {
        return get(name) != null;
    }

    /** All fields, in wire order. */
    public List<Field> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    /** A copy in which {@code name} has the single value {@code value}, kept in place if it was present. */
    public MsrpHeaders with(String name, String value) {
        List<Field> copy = new ArrayList<>(fields.size() + 1);
        boolean replaced = false;
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                if (!replaced) {
                    copy.add(new Field(name, value));
                    replaced = true;
                }
            } else {
                copy.add(f);
            }
        }
        if (!replaced) {
            copy.add(new Field(name, value));
        }
        return new MsrpHeaders(Collections.unmodifiableList(copy));
    }

    /** A copy without any field named {@code name}. */
    public MsrpHeaders without(String name) {
        List<Field> copy = new ArrayList<>(fields.size());
        for (Field f : fields) {
            if (!f.name.equalsIgnoreCase(name)) {
                copy.add(f);
            }
        }
        return copy.size() == fields.size() ? this : new MsrpHeaders(Collections.unmodifiableList(copy));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MsrpHeaders && ((MsrpHeaders) o).fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
