package org.opencpm.server.cf;

import java.util.List;
import org.opencpm.msrp.conference.DisconnectionMethod;
import org.opencpm.msrp.conference.JoiningMethod;
import org.opencpm.server.edge.Tags;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.transaction.ServerTransaction;

/**
 * Creation of an ad-hoc CPM Group Session (§9.2.1, reference §5.1) and restart of a long-lived one (reference
 * §5.5), once {@link GroupAdmission} has decided:
 * <ol>
 * <li>create: a focus URI {@code sip:<id>@<domain>} (the CPM Group Session Identity), the group keyed by its
 *     Conversation-ID (the Contribution-ID for a legacy client without one), the inactivity timer started;</li>
 * <li>the creator joins as focus owner: 200 with the focus Contact ({@code isfocus}) and the CF's MSRP answer;</li>
 * <li>every invitee of the resource list is invited through its terminating PF, Referred-By the creator;</li>
 * <li>restart: the same group, its Contribution-ID replaced by the request's (new or reused), the requester
 *     joins, and every other member (not removed, not left) is invited again, Referred-By the requester.</li>
 * </ol>
 */
final class GroupCreation {

    private final CfServices services;
    private final CfSignalling signalling;
    private final ControllingFunction cf;
    private final DisconnectionMethod removalMethod;
    private long nextId;

    GroupCreation(CfServices services, CfSignalling signalling, ControllingFunction cf, DisconnectionMethod removalMethod) {
        this.services = services;
        this.signalling = signalling;
        this.cf = cf;
        this.removalMethod = removalMethod;
    }

    GroupSession create(ServerTransaction tx, SipRequest invite, GroupAdmission.Offer offer, String creator,
                        List<String> invitees) {
        // step 1
        String contribution = invite.header(HeaderNames.CONTRIBUTION_ID);
        String conversation = invite.header(HeaderNames.CONVERSATION_ID);
        String id = "grp" + Long.toString(++nextId, 36) + Tags.newTag().substring(0, 8);
        GroupSession g = new GroupSession(id, conversation != null ? conversation : contribution, contribution, creator,
                invite.header(HeaderNames.SUBJECT), services, signalling, cf, removalMethod);
        cf.keep(g);
        g.activate(null, null);
        // step 2
        g.accept(tx, invite, offer.sdp(), creator, JoiningMethod.FOCUS_OWNER);
        // step 3
        for (String uri : invitees) {
            g.inviteOut(uri, creator);
        }
        return g;
    }

    void restart(ServerTransaction tx, SipRequest invite, GroupAdmission.Offer offer, String requester, GroupSession g) {
        // step 4: reference §2.1 — legacy clients reuse the original Contribution-ID, CPM ones send a new one
        g.activate(invite.header(HeaderNames.CONTRIBUTION_ID), invite.header(HeaderNames.SUBJECT));
        g.accept(tx, invite, offer.sdp(), requester, JoiningMethod.DIALED_IN);
        for (Participant p : List.copyOf(g.participants())) {
            if (p.member && !p.uri.equals(requester)) {
                g.inviteOut(p.uri, requester);
            }
        }
    }
}
