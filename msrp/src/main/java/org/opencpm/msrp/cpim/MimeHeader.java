package org.opencpm.msrp.cpim;

import org.opencpm.msrp.cpim.internal.CpimGrammar;

/**
 * One MIME header of the entity a CPIM message encapsulates (RFC 3862 §2.3), such as
 * {@code Content-Type}, {@code Content-Disposition} or {@code Content-Transfer-Encoding}.
 * Names compare case-insensitively (RFC 2045). {@code Content-Length} is never held as a
 * {@code MimeHeader}: {@link CpimMessage} computes it from the content.
 *
 * @param name the header name as written
 * @param value the unfolded value; surrounding whitespace is removed
 */
public record MimeHeader(String name, String value) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the name is not an RFC 5322 field name or the value
     *     holds CR, LF or other control characters
     */
    public MimeHeader {
        if (!CpimGrammar.isMimeFieldName(name)) {
            throw new IllegalArgumentException("not a MIME header name: '" + name + "'");
        }
        if (CpimGrammar.hasControl(value)) {
            throw new IllegalArgumentException("control character in MIME header value: " + name);
        }
        value = value.strip();
    }

    /** Whether this header has the given name, ignoring case. */
    public boolean is(String headerName) {
        return name.equalsIgnoreCase(headerName);
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
