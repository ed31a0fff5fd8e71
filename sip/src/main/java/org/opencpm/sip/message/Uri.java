package org.opencpm.sip.message;

import java.util.Locale;

/**
 * A URI as it appears in a Request-URI or a name-addr: a {@link SipUri} (sip:, sips:), a
 * {@link TelUri} (tel:, RFC 3966) or any other {@link AbsoluteUri} (urn:, mailto:, im:, ...).
 * {@link #toString()} gives the URI as it is written on the wire.
 */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {

    /** The scheme in lower case: "sip", "sips", "tel", "urn", ... */
    String scheme();

    /** Parses any URI, choosing the type by scheme. */
    static Uri parse(String text) {
        // The usual schemes first, without building the scheme string.
        if (text.startsWith("sip:") || text.regionMatches(true, 0, "sip:", 0, 4)
                || text.regionMatches(true, 0, "sips:", 0, 5)) {
            return SipUri.parse(text);
        }
        if (text.regionMatches(true, 0, "tel:", 0, 4)) {
            return TelUri.parse(text);
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new SipParseException("Bad URI: no scheme", 0);
        }
        String scheme = text.substring(0, colon);
        for (int i = 0; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            boolean ok = Character.isLetter(c) || (i > 0 && (Character.isDigit(c) || c == '+' || c == '-' || c == '.'));
            if (!ok || c > 127) {
                throw new SipParseException("Bad URI: bad scheme", i);
            }
        }
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "sip":
            case "sips":
                return SipUri.parse(text);
            case "tel":
                return TelUri.parse(text);
            default:
                return AbsoluteUri.parse(text);
        }
    }
}
