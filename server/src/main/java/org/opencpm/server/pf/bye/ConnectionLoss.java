package org.opencpm.server.pf.bye;

import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.transaction.ServerTransaction;

/**
 * §8.2.2.3 step 4 (seed 001), "BYE sent by another entity" such as a SIP/IP core node after the
 * connection to the served client was lost ({@code SIP;cause=503}). The core's BYE is answered at once
 * (AMB-37), and then:
 * <ul>
 * <li>a CPM Group Session and one of PF-O-BYE-24 (a)-(d) holds: release the client's media only, stay
 *     towards the CF, subscribe to participant information and, for (a)-(c), intercept the session's
 *     messages (PF-O-BYE-25…28) until the CF ends the session (step 2) or the client re-joins and leaves
 *     (step 1);</li>
 * <li>otherwise (PF-O-BYE-29), and for every 1-1 session (AMB-37, AMB-16): record the session per §8.5.2
 *     if {@code <allow-offline-storage>} is true, propagate the BYE with its Reason to the other CPM
 *     entity (and any IWF), and release all media.</li>
 * </ul>
 * 001 §8.2.2.3 step 4: "If any one of a, b, c, d is true then the CPM Participating Function SHALL remain in
 * the media path of the active CPM Group Session, after a connection loss with the served CPM Client".
 */
final class ConnectionLoss extends ByeStep {

    private final ByeOutcome outcome;

    ConnectionLoss(ByeSession s, ByeVariant v, Leg sender, ServerTransaction tx, SipRequest bye, String reason,
                   ByeOutcome outcome) {
        super(s, v, sender, tx, bye, reason);
        this.outcome = outcome;
    }

    @Override
    void run() {
        session.answer(tx, bye, null); // AMB-37: the core's BYE is answered at once
        if (outcome instanceof ByeOutcome.RemainInGroup remain) {
            step4iRemain(remain.intercept());
        } else {
            step4Propagate(((ByeOutcome.Propagate) outcome).record());
        }
    }

    /** §8.2.2.3 step 4.i-iii (PF-O-BYE-25…28). */
    private void step4iRemain(boolean intercept) {
        session.releaseMedia(sender);
        session.dropLeg(sender);
        session.remainInGroup(intercept);
    }

    /** §8.2.2.3 step 4, final paragraph (PF-O-BYE-29), and AMB-37 for 1-1 sessions. */
    private void step4Propagate(boolean record) {
        releaseSenderFirst();
        if (record) {
            session.recordSession("connection lost");
        }
        Completion c = new Completion("session " + session.id() + " connection loss", () -> releaseAllAndEnd("connection lost"));
        for (Leg leg : legs(l -> true)) {
            bye(leg, reason, null, c, false);
        }
        c.await(session);
    }
}
