package org.opencpm.sip.message;

import java.util.Locale;

/** A URI of a scheme SIP does not interpret (urn:, mailto:, im:, pres:, http:), kept as written. */
public record AbsoluteUri(String scheme, String text) implements Uri {

    public static AbsoluteUri parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new SipParseException("Bad URI: empty", 0);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == '"' || c >= 127) {
                throw new SipParseException("Bad URI: illegal character", i);
            }
        }
        return new AbsoluteUri(text.substring(0, colon).toLowerCase(Locale.ROOT), text);
    }

    @Override
    public String toString() {
        return text;
    }
}
