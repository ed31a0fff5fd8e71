package org.opencpm.msrp.cpim.internal;

import org.opencpm.msrp.cpim.CpimHeader;
import org.opencpm.msrp.xml.internal.DateTimes;

/**
 * Value checks for the reserved CPIM headers (RFC 3862 §4): From, To, cc, DateTime, NS.
 * Subject and Require take free text and tokens; extension headers are not checked.
 */
public final class ReservedHeaders {

    private ReservedHeaders() {
    }

    /**
     * Checks one header.
     *
     * @throws IllegalArgumentException with the reason if the value breaks its header's grammar
     */
    public static void validate(CpimHeader header) {
        switch (header.name()) {
            case "From", "To", "cc" -> CpimGrammar.parseAddress(header.value());
            case "NS" -> CpimGrammar.parseNamespace(header.value());
            case "DateTime" -> {
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
