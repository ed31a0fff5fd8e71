package org.opencpm.server.pf.bye;

import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.transaction.ServerTransaction;

/**
 * §8.2.2.3 step 1 (seed 001), "BYE sent by a served client", and §8.3.2.3 step 2 through RD-11/RD-13:
 * <ol type="a">
 * <li>release the media of the sender's leg (PF-O-BYE-08; PF-T-BYE-02 with RD-11);</li>
 * <li>multi-device: BYE with {@code SIP;cause=200} to the user's other connected clients, releasing each
 *     one's media on its answer (PF-O-BYE-09);</li>
 * <li>interworked: BYE to each IWF (PF-O-BYE-11);</li>
 * <li>otherwise: BYE to the other CPM entity, Reason copied (PF-O-BYE-12, PF-T-BYE-03, AMB-06);</li>
 * <li>on their answers (or the AMB-12 guard): store before answering (PF-O-BYE-14: the GSO of a group
 *     session, the §8.5.2 recording of a 1-1 session per AMB-14; PF-T-BYE-05/06 and RD-05/06: Message-UID
 *     and GroupStateObjectID where the profile says so), then 200 "OK" to the client (PF-O-BYE-13,
 *     PF-T-BYE-04);</li>
 * <li>release all remaining media (PF-O-BYE-15).</li>
 * </ol>
 * 001 §8.2.2.3 step 1.e: "Upon receiving a SIP 200 "OK" response from the IWFs or the other CPM entity ...
 * [the PF] SHALL generate a SIP 200 "OK" response"; AMB-12 reads "from the IWFs" as every BYE sent, with a guard.
 */
final class ClientLeaves extends ByeStep {

    private final boolean byeOtherDevices;

    ClientLeaves(ByeSession s, ByeVariant v, Leg sender, ServerTransaction tx, SipRequest bye, String reason,
                 boolean byeOtherDevices) {
        super(s, v, sender, tx, bye, reason);
        this.byeOtherDevices = byeOtherDevices;
    }

    @Override
    void run() {
        step1aReleaseSenderLeg();
        Completion c = new Completion("session " + session.id() + " client BYE", this::step1eAnswerClient);
        step1bByeOtherDevices(c);
        step1cdByeIwfsOrOtherEntity(c);
        c.await(session);
    }

    /** §8.2.2.3 step 1.a (PF-O-BYE-08). */
    private void step1aReleaseSenderLeg() {
        releaseSenderFirst();
    }

    /** §8.2.2.3 step 1.b.i-iii (PF-O-BYE-09); other client legs that remain without 1.b get the Reason copied. */
    private void step1bByeOtherDevices(Completion c) {
        for (Leg other : legs(l -> l.kind() == LegKind.CLIENT)) {
            bye(other, byeOtherDevices ? "SIP;cause=200;text=\"Call completed\"" : reason, null, c, true);
        }
    }

    /** §8.2.2.3 step 1.c (PF-O-BYE-11) and 1.d (PF-O-BYE-12); §8.3.2.3 step 2.a-b (PF-T-BYE-03). */
    private void step1cdByeIwfsOrOtherEntity(Completion c) {
        for (Leg leg : legs(l -> l.kind() != LegKind.CLIENT)) {
            bye(leg, reason, null, c, false);
        }
    }

    /** §8.2.2.3 step 1.e.i-iii (PF-O-BYE-13/14); §8.3.2.3 step 2.c (PF-T-BYE-04/05/06), then step 1.f. */
    private void step1eAnswerClient() {
        String uid = null;
        if (session.preferences().allowOfflineStorage()) {
            if (session.isGroup()) {
                session.storeGroupState(variant.groupStateIdOnLeave());
            } else {
                session.recordSession("client left"); // AMB-14: no GSO for a 1-1 session
            }
            if (variant.uidIn200ToClient()) {
                uid = session.sessionInfoUid(); // RD-05, PF-T-BYE-06
            }
        }
        session.answer(tx, bye, uid);
        step1fReleaseAll();
    }

    /** §8.2.2.3 step 1.f (PF-O-BYE-15). */
    private void step1fReleaseAll() {
        releaseAllAndEnd("client left");
    }
}
