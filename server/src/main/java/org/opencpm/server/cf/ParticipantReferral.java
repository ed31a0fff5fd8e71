package org.opencpm.server.cf;

import java.util.ArrayList;
import java.util.List;
import org.opencpm.msrp.conference.EndpointStatus;
import org.opencpm.server.pf.checks.Identities;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.message.Uri;
import org.opencpm.sip.transaction.ServerTransaction;

/**
 * A REFER from a participant in its dialog with the focus (RFC 4579 §5.5 / §5.11, reference §5.2/§5.3):
 * <ol>
 * <li>the Refer-To names one URI, or a {@code cid:} whose resource list in the body names several (RFC 5368,
 *     reference §5.2/§5.3); 400 otherwise; the referrer must be connected (403);</li>
 * <li>{@code method=BYE} in the Refer-To URI: removal (§9.2.6), allowed to the chairman (the creator) only
 *     (reference §5.3 [M]: 403 "127 Service not authorised"), of a user in the session (404 otherwise), by
 *     the Participant Removing procedure (CF-RM-01…08) with Referred-By the referrer (CF-RM-03);</li>
 * <li>any other Refer-To: adding that user (§9.2.5): an INVITE Referred-By the referrer;</li>
 * <li>202 Accepted; without {@code Refer-Sub: false} the implicit subscription (RFC 3515 §2.4.4) gets a single
 *     final NOTIFY (message/sipfrag "SIP/2.0 200 OK", {@code terminated;reason=noresource}), the focus having
 *     taken over the request.</li>
 * </ol>
 */
final class ParticipantReferral {

    private ParticipantReferral() {
    }

    static void handle(GroupSession group, ServerTransaction tx, SipRequest refer, Participant referrer) {
        CfSignalling sig = group.signalling();
        // step 1
        List<Uri> targets;
        try {
            targets = targets(refer);
        } catch (RuntimeException | ResourceLists.BadBody e) {
            sig.reject(tx, refer, CfRejection.of(400, "Bad Refer-To"), null);
            return;
        }
        if (referrer.status != EndpointStatus.CONNECTED || group.state() != GroupSession.State.ACTIVE) {
            sig.reject(tx, refer, CfRejection.of(403, "Not in the session"), null);
            return;
        }
        String by = Identities.aorString(Identities.originator(refer));
        List<Participant> removals = new ArrayList<>();
        List<String> additions = new ArrayList<>();
        for (Uri target : targets) {
            boolean removal = target instanceof SipUri s && "BYE".equalsIgnoreCase(s.param("method"));
            String user = target instanceof SipUri s ? Identities.aorString(s.withoutParam("method").withoutHeaders())
                    : Identities.aorString(target);
            if (!removal) {
                additions.add(user);
                continue;
            }
            // step 2
            if (!referrer.uri.equals(group.creator())) {
                sig.reject(tx, refer, CfRejection.NOT_A_MEMBER, null);
                return;
            }
            Participant p = group.participant(user);
            if (p == null || !p.member) {
                sig.reject(tx, refer, CfRejection.of(404, "Not a participant"), null);
                return;
            }
            removals.add(p);
        }
        accepted(group, tx, refer, referrer);
        for (Participant p : removals) {
            group.remove(p, by);
        }
        // step 3
        for (String user : additions) {
            group.inviteOut(user, by);
        }
    }

    /**
     * The Refer-To URI, or for {@code Refer-To: <cid:…>} (RFC 5368 multiple REFER) the entries of the
     * resource list in the body.
     */
    private static List<Uri> targets(SipRequest refer) throws ResourceLists.BadBody {
        Uri referTo = Address.parse(refer.header(HeaderNames.REFER_TO), "Refer-To").uri();
        if (!referTo.scheme().equalsIgnoreCase("cid")) {
            return List.of(referTo);
        }
        List<Uri> out = new ArrayList<>();
        for (String entry : ResourceLists.parseList(refer.body())) {
            out.add(Uri.parse(entry));
        }
        if (out.isEmpty()) {
            throw new ResourceLists.BadBody("empty list");
        }
        return out;
    }

    private static void accepted(GroupSession group, ServerTransaction tx, SipRequest refer, Participant referrer) {
        // step 4
        boolean noSub = "false".equalsIgnoreCase(String.valueOf(refer.header(HeaderNames.REFER_SUB)).trim());
        var ok = refer.createResponse(202, "Accepted").toBuilder().set(HeaderNames.CONTACT, group.focusContact());
        if (noSub) {
            ok.set(HeaderNames.REFER_SUB, "false");
        }
        group.signalling().respond(tx, ok.build());
        if (!noSub && referrer.dialog != null) {
            group.signalling().inDialog(referrer.dialog, SipRequest.NOTIFY, b -> b
                    .add(HeaderNames.EVENT, "refer")
                    .add(HeaderNames.SUBSCRIPTION_STATE, "terminated;reason=noresource")
                    .body("message/sipfrag", "SIP/2.0 200 OK\r\n"), status -> { });
        }
    }
}
