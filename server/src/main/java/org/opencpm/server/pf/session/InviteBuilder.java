package org.opencpm.server.pf.session;

import java.util.Locale;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.sdp.MsrpMedia;
import org.opencpm.msrp.sdp.SdpSetup;
import org.opencpm.server.pf.PfServices;
import org.opencpm.server.pf.media.Sdp;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.Header;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.transport.Transport;

/**
 * Builds the INVITE a B2BUA PF originates on its outgoing side from the one it received, as
 * §8.2.2.1 step 4 and §8.3.2.1 step 7 list: the Request-URI copied (PF-O-INV-05), a User-Agent with
 * the PF's release (PF-O-INV-06), the Contact the PF's own URI with the received feature parameters and
 * the Accept-Contact copied (PF-O-INV-07, AMB-10), an SDP offer derived from the received one
 * (PF-O-INV-08), and the CPM headers (Conversation-ID, Contribution-ID, InReplyTo-Contribution-ID,
 * Session-Replaces, Subject, Privacy, Referred-By) carried across.
 */
final class InviteBuilder {

    private static final String[] CARRIED = {
        HeaderNames.ACCEPT_CONTACT, HeaderNames.CONVERSATION_ID, HeaderNames.CONTRIBUTION_ID,
        HeaderNames.IN_REPLY_TO_CONTRIBUTION_ID, HeaderNames.SESSION_REPLACES, HeaderNames.SUBJECT,
        HeaderNames.PRIVACY, HeaderNames.REFERRED_BY, HeaderNames.P_PREFERRED_SERVICE, HeaderNames.P_ASSERTED_SERVICE,
        HeaderNames.ACCEPT, "Accept-Language", HeaderNames.ALLOW_EVENTS,
    };

    private InviteBuilder() {
    }

    static SipRequest build(CpmSession session, SipRequest incoming, PfServices pf, String assertedIdentity,
                            Transport outTransport, String sdpOffer) {
        SipRequest.Builder b = SipRequest.builder(SipRequest.INVITE, incoming.requestUri());
        int mf = incoming.maxForwards();
        b.add(HeaderNames.MAX_FORWARDS, mf < 0 ? 70 : Math.max(0, mf - 1))
                .add(HeaderNames.FROM, incoming.from().withoutParam("tag").withTag(session.outTag()))
                .add(HeaderNames.TO, incoming.to().withoutParam("tag"))
                .add(HeaderNames.CALL_ID, session.outCallId())
                .add(HeaderNames.CSEQ, "1 INVITE");
        if (assertedIdentity != null) {
            b.add(HeaderNames.P_ASSERTED_IDENTITY, "<" + assertedIdentity + ">");
        }
        java.util.List<Address> contacts = incoming.contacts();
        b.add(HeaderNames.CONTACT, session.ownContact(outTransport, contacts.isEmpty() ? null : contacts.get(0)));
        for (Header h : incoming.headers().all()) {
            for (String name : CARRIED) {
                if (h.name().equalsIgnoreCase(name)) {
                    b.add(h.name(), h.value());
                }
            }
        }
        b.add(HeaderNames.USER_AGENT, pf.userAgent());
        b.add(HeaderNames.ALLOW, "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, MESSAGE");
        b.body("application/sdp", sdpOffer);
        return b.build();
    }

    /** The outgoing offer: the received SDP with our MSRP path and {@code a=setup:actpass} (RFC 6135). */
    static String offer(SipRequest incoming, MsrpMedia incomingMsrp, MsrpUri outLocal, PfServices pf, long version) {
        MsrpMedia ours = new MsrpMedia(outLocal.effectivePort(), outLocal.secure(), java.util.List.of(outLocal),
                incomingMsrp.acceptTypes(), incomingMsrp.acceptWrappedTypes(), SdpSetup.ACTPASS, incomingMsrp.maxSize());
        return Sdp.parse(incoming.bodyAsString()).derive(pf.media().address(), ours.toSdp(), version);
    }

    static boolean isSdp(SipRequest r) {
        String ct = r.contentType();
        return ct != null && ct.toLowerCase(Locale.ROOT).startsWith("application/sdp");
    }
}
