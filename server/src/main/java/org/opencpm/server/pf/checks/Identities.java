package org.opencpm.server.pf.checks;

import java.util.List;
import java.util.Locale;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipParseException;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.message.TelUri;
import org.opencpm.sip.message.Uri;

/** Who a request comes from, as the PF procedures need it (AMB-29, AMB-30). */
public final class Identities {

    private Identities() {
    }

    /**
     * The authenticated originator (AMB-30): the P-Asserted-Identity the trusted core inserted, else
     * the From URI (the embedded core authenticates by registration, so From is what it vouches for).
     */
    public static Uri originator(SipRequest request) {
        try {
            List<Address> pai = request.headers().parsed(HeaderNames.P_ASSERTED_IDENTITY, v -> Address.parse(v, "P-Asserted-Identity"));
            if (!pai.isEmpty()) {
                return pai.get(0).uri();
            }
        } catch (SipParseException e) {
            // a malformed PAI is not an assertion; fall back to From
        }
        return request.from().uri();
    }

    /** An address-of-record form for comparisons: sip:user@host in lower-case host, tel: digits. */
    public static String aorString(Uri uri) {
        if (uri instanceof SipUri s) {
            return s.aor().toString();
        }
        if (uri instanceof TelUri t) {
            return "tel:" + t.digits();
        }
        return uri.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * AMB-29: anonymity is requested when Privacy holds id, user or header (RFC 3323/3325), or the From
     * is the anonymous URI.
     */
    public static boolean anonymityRequested(SipRequest request) {
        for (String v : request.headerValues(HeaderNames.PRIVACY)) {
            for (String token : v.split(";")) {
                String t = token.trim().toLowerCase(Locale.ROOT);
                if (t.equals("id") || t.equals("user") || t.equals("header")) {
                    return true;
                }
            }
        }
        Uri from = request.from().uri();
        return from instanceof SipUri s && "anonymous".equalsIgnoreCase(s.user())
                && s.host().toLowerCase(Locale.ROOT).startsWith("anonymous.invalid");
    }
}
