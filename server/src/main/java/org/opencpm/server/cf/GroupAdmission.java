package org.opencpm.server.cf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.opencpm.msrp.sdp.MsrpMedia;
import org.opencpm.server.pf.checks.Identities;
import org.opencpm.server.pf.media.Sdp;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.Uri;

/**
 * The checks of an INVITE to the conference factory URI or to a focus URI, in order:
 * <ol>
 * <li>the body: SDP (alone or in multipart/mixed with a recipient list, RFC 5366) with MSRP media (400, 488);</li>
 * <li>a Contribution-ID (400); the Conversation-ID names the group (reference §2.1; a legacy RCS client
 *     without one is keyed by its Contribution-ID);</li>
 * <li>to the factory: a known Conversation-ID (or Contribution-ID, as legacy clients reuse it) is a restart
 *     of that group, else a new group, which needs at least one invitee other than its creator (400);</li>
 * <li>to a focus URI: the group of that focus (404 when unknown);</li>
 * <li>an existing group: a member re-joins (running session) or restarts (inactive); anyone else gets 403
 *     "127 Service not authorised" (reference §5.5); a session being ended gets 480.</li>
 * </ol>
 */
final class GroupAdmission {

    private GroupAdmission() {
    }

    /** What step 1 makes of the body. */
    sealed interface Body permits Offer, BadBody {
    }

    /** A body that made it through step 1. */
    record Offer(String sdp, List<String> recipients) implements Body {
    }

    /** A body refused in step 1. */
    record BadBody(CfRejection rejection) implements Body {
    }

    static InviteDecision decide(SipRequest invite, Offer offer, GroupSession focusGroup, boolean toFactory,
                                 ControllingFunction cf) {
        // step 2
        String contribution = invite.header(HeaderNames.CONTRIBUTION_ID);
        if (contribution == null) {
            return new InviteDecision.Refuse(CfRejection.of(400, "Missing Contribution-ID"));
        }
        String requester = requester(invite);
        GroupSession group;
        if (toFactory) {
            // step 3
            String conversation = invite.header(HeaderNames.CONVERSATION_ID);
            group = conversation != null ? cf.byConversation(conversation) : null;
            if (group == null) {
                group = cf.byContribution(contribution);
            }
            if (group == null) {
                Set<String> invitees = new LinkedHashSet<>();
                for (String r : offer.recipients()) {
                    try {
                        String aor = Identities.aorString(Uri.parse(r));
                        if (!aor.equals(requester)) {
                            invitees.add(aor);
                        }
                    } catch (RuntimeException e) {
                        return new InviteDecision.Refuse(CfRejection.of(400, "Bad URI in resource list"));
                    }
                }
                if (invitees.isEmpty()) {
                    return new InviteDecision.Refuse(CfRejection.of(400, "No recipients"));
                }
                return new InviteDecision.Create(new ArrayList<>(invitees));
            }
        } else {
            // step 4
            group = focusGroup;
            if (group == null) {
                return new InviteDecision.Refuse(CfRejection.of(404, "No such group session"));
            }
        }
        // step 5
        if (!group.isMember(requester)) {
            return new InviteDecision.Refuse(CfRejection.NOT_A_MEMBER);
        }
        return switch (group.state()) {
            case ACTIVE -> new InviteDecision.Rejoin(group);
            case INACTIVE -> new InviteDecision.Restart(group);
            case ENDING, ENDED -> new InviteDecision.Refuse(CfRejection.of(480, "Group session ending"));
        };
    }

    /** Step 1: the SDP and recipients, or the rejection. */
    static Body offer(SipRequest invite) {
        ResourceLists body;
        try {
            body = ResourceLists.of(invite);
        } catch (ResourceLists.BadBody e) {
            return new BadBody(CfRejection.of(
                    e.getMessage().startsWith("SDP") || e.getMessage().startsWith("Unsupported") ? 488 : 400, e.getMessage()));
        }
        try {
            String section = Sdp.parse(body.sdp()).msrpSection();
            if (section == null) {
                return new BadBody(CfRejection.of(488, "No MSRP media"));
            }
            MsrpMedia.parse(section);
        } catch (RuntimeException e) {
            return new BadBody(CfRejection.of(400, "Bad SDP"));
        }
        return new Offer(body.sdp(), body.recipients());
    }

    /** The authenticated originator as an AOR string (AMB-30: P-Asserted-Identity, else From). */
    static String requester(SipRequest request) {
        return Identities.aorString(Identities.originator(request));
    }
}
