package org.opencpm.msrp.cpim.internal;

import java.util.Locale;
import org.opencpm.msrp.cpim.CpimHeader;
import org.opencpm.msrp.xml.internal.DateTimes;

/**
 * Value checks for the reserved CPIM headers (RFC 3862 §4): From, To, cc, DateTime, NS.
 * Subject and Require take free text and tokens; extension headers are not checked.
 *
 * <p>Reserved names are recognised ignoring case, like the lookups of {@code CpimMessage}, so
 * that a header a lookup can return has always been checked.
 */
public final class ReservedHeaders {

    private ReservedHeaders() {
    }

    /** Whether a header is the reserved header {@code reservedName}, ignoring case. */
    public static boolean is(CpimHeader header, String reservedName) {
        return header.name().equalsIgnoreCase(reservedName);
    }

    /**
     * Checks one header.
     *
     * @throws IllegalArgumentException with the reason if the value breaks its header's grammar
     */
    public static void validate(CpimHeader header) {
        switch (header.name().toLowerCase(Locale.ROOT)) {
            case "from", "to", "cc" -> CpimGrammar.parseAddress(header.value());
            case "ns" -> CpimGrammar.parseNamespace(header.value());
            case "datetime" -> {
                if (DateTimes.parse(header.value()).isEmpty()) {
                    throw new IllegalArgumentException("DateTime is not an RFC 3339 date-time: '" + header.value() + "'");
                }
            }
            default -> {
                // free text or extension header
            }
        }
    }
}
