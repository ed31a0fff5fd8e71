package org.opencpm.server.deferral;

import org.opencpm.server.edge.Tags;
import org.opencpm.server.pf.CpmFeatureTags;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.Uri;
import org.opencpm.store.deferred.DeferredMessage;

/**
 * The SIP MESSAGEs the PF originates for deferral: a deferred message redelivered to the served user,
 * and a notification sent on the served user's behalf to the original sender. Building only; no logic.
 */
final class DeferredRequests {

    private DeferredRequests() {
    }

    /**
     * The deferred message as the served user's clients get it (reference.md §4.6): the original sender
     * as From and P-Asserted-Identity, the original Conversation-ID and Contribution-ID, and the CPIM
     * body byte for byte (so its {@code DateTime} and {@code imdn.Message-ID} are unchanged; a redelivery
     * after a crash carries the same id, which the client uses to drop the copy).
     */
    static SipRequest redelivery(long id, DeferredMessage m, String domain) {
        Uri to = Uri.parse(m.recipient());
        SipRequest.Builder b = SipRequest.builder(SipRequest.MESSAGE, to)
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, Address.of(Uri.parse(m.sender())).withTag(Tags.newTag()))
                .add(HeaderNames.TO, Address.of(to))
                .add(HeaderNames.CALL_ID, "df" + id + "-" + Tags.newTag() + "@" + domain)
                .add(HeaderNames.CSEQ, "1 MESSAGE")
                .add(HeaderNames.P_ASSERTED_IDENTITY, "<" + m.sender() + ">")
                .add(HeaderNames.ACCEPT_CONTACT, "*;+g.3gpp.icsi-ref=" + CpmFeatureTags.MSG.featureParam());
        if (m.conversationId() != null) {
            b.add(HeaderNames.CONVERSATION_ID, m.conversationId());
        }
        if (m.contributionId() != null) {
            b.add(HeaderNames.CONTRIBUTION_ID, m.contributionId());
        }
        return b.body(m.contentType(), m.body()).build();
    }

    /**
     * A notification (CPIM-wrapped IMDN) from {@code servedUser} to {@code originalSender}, as a pager-mode
     * CPM Standalone Message via the SIP/IP core (reference.md §4.7).
     */
    static SipRequest notification(String servedUser, String originalSender, String conversationId,
                                   String userAgent, byte[] cpim, String domain) {
        Uri to = Uri.parse(originalSender);
        SipRequest.Builder b = SipRequest.builder(SipRequest.MESSAGE, to)
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, Address.of(Uri.parse(servedUser)).withTag(Tags.newTag()))
                .add(HeaderNames.TO, Address.of(to))
                .add(HeaderNames.CALL_ID, "dn" + Tags.newTag() + "@" + domain)
                .add(HeaderNames.CSEQ, "1 MESSAGE")
                .add(HeaderNames.P_ASSERTED_IDENTITY, "<" + servedUser + ">")
                .add(HeaderNames.ACCEPT_CONTACT, "*;+g.3gpp.icsi-ref=" + CpmFeatureTags.MSG.featureParam())
                .add(HeaderNames.USER_AGENT, userAgent);
        if (conversationId != null) {
            b.add(HeaderNames.CONVERSATION_ID, conversationId);
        }
        b.add(HeaderNames.CONTRIBUTION_ID, Tags.newTag() + Tags.newTag());
        return b.body("message/cpim", cpim).build();
    }
}
