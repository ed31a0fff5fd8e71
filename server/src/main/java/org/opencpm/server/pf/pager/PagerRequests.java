package org.opencpm.server.pf.pager;

import java.util.Locale;
import java.util.Set;
import org.opencpm.server.edge.Tags;
import org.opencpm.server.pf.PfServices;
import org.opencpm.sip.message.Header;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.Uri;

/**
 * The MESSAGE a PF sends onward for a pager-mode CPM Standalone Message, and the response it returns
 * to the sender. The PF forwards statefully without becoming a B2BUA: the outgoing request keeps
 * From, To, Call-ID, CSeq, the CPM headers (Conversation-ID, Contribution-ID, InReplyTo-Contribution-ID),
 * Accept-Contact and the CPIM body as received; only the hop-by-hop headers are rebuilt (a new client
 * transaction pushes its own Via).
 */
public final class PagerRequests {

    /** Hop-by-hop or identity headers the PF does not copy (RFC 3261 §16.6, RFC 3325 §5). */
    private static final Set<String> NOT_COPIED = Set.of(
            HeaderNames.VIA.toLowerCase(Locale.ROOT), HeaderNames.ROUTE.toLowerCase(Locale.ROOT), HeaderNames.RECORD_ROUTE.toLowerCase(Locale.ROOT),
            HeaderNames.MAX_FORWARDS.toLowerCase(Locale.ROOT), HeaderNames.CONTENT_LENGTH.toLowerCase(Locale.ROOT),
            HeaderNames.CONTENT_TYPE.toLowerCase(Locale.ROOT), HeaderNames.P_PREFERRED_IDENTITY.toLowerCase(Locale.ROOT),
            HeaderNames.AUTHORIZATION.toLowerCase(Locale.ROOT), "proxy-authorization");

    private PagerRequests() {
    }

    /**
     * The onward MESSAGE.
     *
     * @param requestUri        the new Request-URI (a client's contact), or null to keep the received one
     * @param assertedIdentity  the P-Asserted-Identity to set (originating PF: the served user), or null
     *                          to keep the received one
     */
    public static SipRequest onward(SipRequest incoming, Uri requestUri, String assertedIdentity) {
        SipRequest.Builder b = SipRequest.builder(SipRequest.MESSAGE, requestUri != null ? requestUri : incoming.requestUri());
        int mf = incoming.maxForwards();
        b.add(HeaderNames.MAX_FORWARDS, mf < 0 ? 70 : Math.max(0, mf - 1));
        if (assertedIdentity != null) {
            b.add(HeaderNames.P_ASSERTED_IDENTITY, "<" + assertedIdentity + ">");
        }
        for (Header h : incoming.headers().all()) {
            String n = h.name().toLowerCase(Locale.ROOT);
            if (NOT_COPIED.contains(n)
                    || (assertedIdentity != null && n.equals(HeaderNames.P_ASSERTED_IDENTITY.toLowerCase(Locale.ROOT)))) {
                continue;
            }
            b.add(h.name(), h.value());
        }
        if (incoming.contentType() != null) {
            b.body(incoming.contentType(), incoming.body());
        }
        return b.build();
    }

    /** The sender's response built from a final response received on the onward leg. */
    public static SipResponse relayed(SipRequest incoming, SipResponse received, PfServices pf) {
        SipResponse.Builder r = incoming.createResponse(received.status(), received.reason()).toBuilder();
        String tag = received.to().tag();
        r.set(HeaderNames.TO, incoming.to().withTag(tag != null ? tag : Tags.newTag()));
        for (String h : new String[] {HeaderNames.WARNING, HeaderNames.RETRY_AFTER, HeaderNames.REASON}) {
            for (String v : received.headerValues(h)) {
                r.add(h, v);
            }
        }
        return r.set(HeaderNames.SERVER, pf.serverToken()).build();
    }

    /** A response of the PF's own with a To tag and the Server header. */
    public static SipResponse own(SipResponse.Builder response, SipRequest incoming, PfServices pf) {
        return response.set(HeaderNames.TO, incoming.to().withTag(Tags.newTag()))
                .set(HeaderNames.SERVER, pf.serverToken()).build();
    }
}
