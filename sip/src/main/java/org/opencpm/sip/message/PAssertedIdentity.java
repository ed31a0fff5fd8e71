package org.opencpm.sip.message;

import java.util.ArrayList;
import java.util.List;

/**
 * The P-Asserted-Identity header (RFC 3325 §9.1): the identities a trusted network asserts for the
 * sender, at most one SIP/SIPS URI and one tel URI in practice.
 *
 * <pre>
 * PAssertedID       = "P-Asserted-Identity" HCOLON PAssertedID-value *(COMMA PAssertedID-value)
 * PAssertedID-value = name-addr / addr-spec
 * </pre>
 *
 * @param identities in order, at least one
 */
public record PAssertedIdentity(List<Address> identities) {

    public PAssertedIdentity {
        identities = List.copyOf(identities);
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("P-Asserted-Identity needs an identity");
        }
    }

    public static PAssertedIdentity of(Address... identities) {
        return new PAssertedIdentity(List.of(identities));
    }

    /** Parses one field's value. */
    public static PAssertedIdentity parse(String value) {
        List<String> parts = new ArrayList<>(2);
        Headers.splitList(value, parts);
        if (parts.isEmpty()) {
            throw new SipParseException("Bad P-Asserted-Identity: empty", 0);
        }
        List<Address> out = new ArrayList<>(parts.size());
        for (String p : parts) {
            Address a = Address.parse(p, HeaderNames.P_ASSERTED_IDENTITY);
            if (a.isWildcard()) {
                throw new SipParseException("Bad P-Asserted-Identity: '*' is not an identity", 0);
            }
            if (!a.params().isEmpty()) {
                throw new SipParseException("Bad P-Asserted-Identity: header parameters not allowed", 0);
            }
            out.add(a);
        }
        return new PAssertedIdentity(out);
    }

    /** All identities of every P-Asserted-Identity field of {@code m}, or null if there is none. */
    public static PAssertedIdentity of(SipMessage m) {
        List<Address> out = new ArrayList<>(2);
        for (Header h : m.headers().all()) {
            if (h.name().equals(HeaderNames.P_ASSERTED_IDENTITY)) {
                out.addAll(parse(h.value()).identities);
            }
        }
        return out.isEmpty() ? null : new PAssertedIdentity(out);
    }

    /** The first SIP or SIPS identity, or null. */
    public Address sip() {
        for (Address a : identities) {
            if (a.uri() instanceof SipUri) {
                return a;
            }
        }
        return null;
    }

    /** The first tel identity, or null. */
    public Address tel() {
        for (Address a : identities) {
            if (a.uri() instanceof TelUri) {
                return a;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Address a : identities) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(a);
        }
        return sb.toString();
    }
}
