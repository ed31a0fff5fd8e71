package org.opencpm.server.cf;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.opencpm.msrp.conference.DisconnectionMethod;
import org.opencpm.msrp.conference.EndpointStatus;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;

/**
 * The CF's "Participant Removing Request" procedure (seed 003, quoted CF text; CF-RM-01…08), used for a
 * removal by REFER (§9.2.6) and for ending the session by removing the remaining participants (§9.2.9,
 * and the inactivity ending with cause 480):
 * <ol>
 * <li>a. a BYE with {@code Reason: SIP;cause=410} (CF-RM-02; 480 when the session ends on inactivity);
 *     b. {@code Referred-By} the authenticated originator of the removal request, if any (CF-RM-03);
 *     c. sent towards the participant per SIP/IP core procedures, i.e. on the dialog's route (CF-RM-04).</li>
 * <li>Media released at once, without waiting for the BYE's answer, queued media discarded (CF-RM-05); the
 *     entry kept in the Participants Information (CF-RM-06), {@code disconnecting} until then.</li>
 * <li>When the 200 or any other final response arrives (AMB-35 e: also a local 408 or 481):
 *     a. the subscribers are notified that the user left, {@code <disconnection-method>} "departed"
 *     (CF-RM-07, AMB-35 a; {@code booted} by configuration);
 *     b. the participant-information subscription of the removed user is terminated (CF-RM-08, AMB-35 d:
 *     {@code reason=noresource}).</li>
 * </ol>
 */
final class ParticipantRemoval {

    /** Why the participant is removed: the Reason cause of the BYE and whether membership ends. */
    enum Cause {
        /** §9.2.6: removed by a REFER; the user is no longer a member (AMB-35 b). */
        REMOVED(410, "Gone", false),
        /** §9.2.9: the CF ends the session (last participant); the group is not kept. */
        SESSION_ENDED(410, "Gone", false),
        /** The inactivity timer: the session ends but the group (and membership) stays for a restart. */
        INACTIVE(480, "Temporarily Unavailable", true);

        final int sipCause;
        final String text;
        final boolean staysMember;

        Cause(int sipCause, String text, boolean staysMember) {
            this.sipCause = sipCause;
            this.text = text;
            this.staysMember = staysMember;
        }

        String reasonHeader() {
            return "SIP;cause=" + sipCause + ";text=\"" + text + "\"";
        }
    }

    /** Told when step 3 is done for one participant. */
    interface Done {
        void removed(Participant p);
    }

    private final GroupSession group;
    private final DisconnectionMethod method;

    ParticipantRemoval(GroupSession group, DisconnectionMethod method) {
        this.group = group;
        this.method = method;
    }

    void run(Participant p, Cause cause, String referredBy, Done done) {
        // step 1.a-c (CF-RM-02, CF-RM-03, CF-RM-04)
        group.table().unregister(p.dialog);
        if (p.dialog != null && p.status == EndpointStatus.CONNECTED) {
            group.signalling().inDialog(p.dialog, SipRequest.BYE, b -> {
                b.add(HeaderNames.REASON, cause.reasonHeader());
                if (referredBy != null) {
                    b.add(HeaderNames.REFERRED_BY, "<" + referredBy + ">");
                }
                return b;
            }, status -> finalResponse(p, referredBy, done));
            p.dialog.terminate();
        } else {
            if (p.inviting != null && !p.inviting.isTerminated()) {
                p.inviting.cancel(cause.reasonHeader());
            }
            group.services().scheduler().execute(() -> finalResponse(p, referredBy, done));
        }
        // step 2 (CF-RM-05, CF-RM-06): media released now; the entry stays, disconnecting
        p.releaseMedia();
        p.status = EndpointStatus.DISCONNECTING;
        if (!cause.staysMember) {
            p.member = false;
        }
    }

    private void finalResponse(Participant p, String by, Done done) {
        // step 3.a (CF-RM-07): only now the others learn that the user left
        p.status = EndpointStatus.DISCONNECTED;
        p.disconnection = method;
        p.disconnectedBy = by;
        p.disconnectedAt = OffsetDateTime.ofInstant(
                Instant.ofEpochMilli(group.services().scheduler().clock().currentTimeMillis()), ZoneOffset.UTC);
        p.dialog = null;
        group.notifier().changed(p);
        // step 3.b (CF-RM-08)
        group.notifier().terminateFor(p.uri, "noresource");
        done.removed(p);
    }
}
