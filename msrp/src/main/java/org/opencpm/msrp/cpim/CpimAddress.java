package org.opencpm.msrp.cpim;

import java.util.Optional;
import org.opencpm.msrp.cpim.internal.CpimGrammar;

/**
 * The value of a CPIM {@code From}, {@code To} or {@code cc} header (RFC 3862 §4.1–4.3): an
 * optional formal name and a URI.
 *
 * <pre>
 * From-header = "From" ": " [ Formal-name ] "&lt;" URI "&gt;"
 * Formal-name = 1*( Token SP ) / String
 * </pre>
 *
 * <p>RCS 1-1 chat uses {@code <sip:anonymous@anonymous.invalid>}; group chat uses real URIs.
 * {@link #toString()} writes the formal name as a quoted string unless it is made of tokens.
 *
 * @param formalName the formal (display) name, without quotes or escapes
 * @param uri the URI, without angle brackets
 */
public record CpimAddress(Optional<String> formalName, String uri) {

    /** The address used by RCS 1-1 chat inside MSRP, where the SIP dialog identifies the peers. */
    public static final CpimAddress ANONYMOUS = of("sip:anonymous@anonymous.invalid");

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the URI is empty or holds {@code <}, {@code >}, spaces
     *     or control characters
     */
    public CpimAddress {
        if (!CpimGrammar.isAngleUri(uri)) {
            throw new IllegalArgumentException("not a URI for a CPIM address: '" + uri + "'");
        }
        formalName.ifPresent(name -> {
            if (CpimGrammar.hasControl(name)) {
                throw new IllegalArgumentException("control character in formal name");
            }
        });
    }

    /** An address without formal name. */
    public static CpimAddress of(String uri) {
        return new CpimAddress(Optional.empty(), uri);
    }

    /** An address with a formal name. */
    public static CpimAddress of(String formalName, String uri) {
        return new CpimAddress(Optional.of(formalName), uri);
    }

    /**
     * Parses a header value such as {@code "MR SANDERS" <im:piglet@100akerwood.com>}. A bare URI
     * without angle brackets is tolerated (some clients send one).
     *
     * @throws IllegalArgumentException if the value does not match the grammar
     */
    public static CpimAddress parse(String headerValue) {
        return CpimGrammar.parseAddress(headerValue);
    }

    /** The header value: {@code [formal-name SP] <uri>}. */
    @Override
    public String toString() {
        return formalName.map(name -> CpimGrammar.formalName(name) + " ").orElse("") + "<" + uri + ">";
    }
}
