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

    private MsrpHeaders(List<Field> fields) {
        this.fields = fields;
    }

    /** Headers holding exactly {@code fields}, in that order. */
    public static MsrpHeaders of(List<Field> fields) {
        return fields.isEmpty() ? EMPTY : new MsrpHeaders(List.copyOf(fields));
    }

    /** The value of the first field named {@code name}, or {@code null}. */
    public String get(String name) {
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
