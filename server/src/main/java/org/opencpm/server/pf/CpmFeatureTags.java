package org.opencpm.server.pf;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.Parameters;
import org.opencpm.sip.message.SipRequest;

/**
 * The CPM feature tags (ICSIs) of CPM Appendix H, and their matching in Accept-Contact and Contact
 * feature parameters: {@code +g.3gpp.icsi-ref} values, percent-decoded, compared without case, several
 * values per parameter allowed (AMB-23).
 */
public enum CpmFeatureTags {
    MSG("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg"),
    LARGEMSG("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.largemsg"),
    SESSION("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.session"),
    FILETRANSFER("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.filetransfer"),
    DEFERRED("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.deferred");

    private final String icsi;

    CpmFeatureTags(String icsi) {
        this.icsi = icsi;
    }

    public String icsi() {
        return icsi;
    }

    /** The {@code +g.3gpp.icsi-ref} parameter value for this ICSI, percent-escaped and quoted as clients send it. */
    public String featureParam() {
        return "\"" + icsi.replace(":", "%3A") + "\"";
    }

    /** True if the Accept-Contact of {@code request} names this ICSI. */
    public boolean inAcceptContact(SipRequest request) {
        for (String v : request.headerValues(HeaderNames.ACCEPT_CONTACT)) {
            if (contains(v, icsi)) {
                return true;
            }
        }
        for (String h : new String[] {HeaderNames.P_PREFERRED_SERVICE, HeaderNames.P_ASSERTED_SERVICE}) {
            for (String v : request.headerValues(h)) {
                if (v.trim().equalsIgnoreCase(icsi)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True if the Contact feature parameters (a registered contact's) include this ICSI. */
    public boolean inFeatureParams(Parameters params) {
        String v = params.get("+g.3gpp.icsi-ref").orElse(null);
        return v != null && contains(v, icsi);
    }

    /** True if {@code request} carries any CPM ICSI: the embedded core's initial filter criterion for the PF. */
    public static boolean anyIn(SipRequest request) {
        for (CpmFeatureTags t : values()) {
            if (t.inAcceptContact(request)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String headerText, String icsi) {
        String decoded = URLDecoder.decode(headerText.replace("+", "%2B"), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        int i = decoded.indexOf(icsi);
        while (i >= 0) {
            int end = i + icsi.length();
            // the ICSI must end there: oma.cpm.msg is not oma.cpm.msg-extension
            if (end == decoded.length() || ",\"; ".indexOf(decoded.charAt(end)) >= 0) {
                return true;
            }
            i = decoded.indexOf(icsi, end);
        }
        return false;
    }
}
