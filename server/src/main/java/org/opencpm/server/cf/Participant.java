package org.opencpm.server.cf;

import java.time.OffsetDateTime;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.conference.DisconnectionMethod;
import org.opencpm.msrp.conference.EndpointStatus;
import org.opencpm.msrp.conference.JoiningMethod;
import org.opencpm.sip.dialog.Dialog;
import org.opencpm.sip.transaction.ClientTransaction;

/**
 * One user of a CPM Group Session as the focus sees it: membership (AMB-35 b: a removed user stays in
 * the Participants Information but is no longer a member), the endpoint status reported in
 * conference-info, and while connected the INVITE dialog and the MSRP leg.
 *
 * <p>Status: DIALING_OUT (our INVITE is out) → CONNECTED → DISCONNECTING (our BYE is out, media already
 * released: CF-RM-05) → DISCONNECTED; a rejoin or restart makes it CONNECTED again.
 */
final class Participant implements DialogUsage {

    final String uri;
    private final GroupSession group;
    EndpointStatus status = EndpointStatus.PENDING;
    JoiningMethod joining = JoiningMethod.DIALED_IN;
    DisconnectionMethod disconnection;
    String disconnectedBy;
    OffsetDateTime disconnectedAt;
    /** AMB-35 (b): false once removed or left with cause 200; such a user is not re-invited on restart. */
    boolean member = true;
    Dialog dialog;
    long inviteCSeq;
    /** Our SDP (the answer to a participant that dialled in, the offer to one we invited), repeated for re-INVITEs. */
    String answerSdp;
    MsrpUri local;
    GroupMedia.Leg leg;
    ClientTransaction inviting;

    Participant(String uri, GroupSession group) {
        this.uri = uri;
        this.group = group;
    }

    @Override
    public GroupSession group() {
        return group;
    }

    @Override
    public Dialog dialog() {
        return dialog;
    }

    boolean isPresent() {
        return status == EndpointStatus.CONNECTED || status == EndpointStatus.DIALING_OUT;
    }

    /** Releases the MSRP leg, if any; queued media is discarded (CF-RM-05). */
    void releaseMedia() {
        if (leg != null) {
            leg.release();
            leg = null;
        }
    }

    @Override
    public String toString() {
        return uri + " (" + status.token() + ")";
    }
}
