package org.opencpm.server.pf.bye;

import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.transaction.ServerTransaction;

/**
 * §8.2.2.3 step 2 (seed 001), "BYE sent by the other CPM entity", and §8.3.2.3 step 3 (seed 004):
 * <ol type="a">
 * <li>the sender's leg is over (its media released at once, RD-11 (b));</li>
 * <li>{@code <allow-offline-storage>} true: store the session per §8.5.2 (PF-O-BYE-17, PF-T-BYE-07) and
 *     keep the UID;</li>
 * <li>BYE to the served client(s) (PF-O-BYE-16/18, AMB-15: every connected client leg) or, interworked,
 *     to each IWF (PF-T-BYE-08), Reason copied (AMB-06); the client's BYE carries Message-UID where the
 *     profile says so (RD-07, PF-T-BYE-09, AMB-33);</li>
 * <li>on their answers: 200 "OK" to the other CPM entity (PF-O-BYE-19, PF-T-BYE-10, AMB-12);</li>
 * <li>release all media last (PF-O-BYE-20).</li>
 * </ol>
 * The 410 / 480 distinction of PF-O-BYE-06 is kept in {@link ByeClass.OtherEntityEnded#restartable()}
 * for the group-session procedures.
 */
final class OtherEntityEnds extends ByeStep {

    OtherEntityEnds(ByeSession s, ByeVariant v, Leg sender, ServerTransaction tx, SipRequest bye, String reason) {
        super(s, v, sender, tx, bye, reason);
    }

    @Override
    void run() {
        releaseSenderFirst();
        String uid = step2bStoreSession();
        Completion c = new Completion("session " + session.id() + " BYE from the other CPM entity", this::step2dAnswer);
        step2acByeClients(uid, c);
        c.await(session);
    }

    /** §8.2.2.3 step 2.b (PF-O-BYE-17); §8.3.2.3 step 3.a (PF-T-BYE-07). */
    private String step2bStoreSession() {
        return session.preferences().allowOfflineStorage() ? session.recordSession("peer left") : null;
    }

    /** §8.2.2.3 steps 2.a/2.c (PF-O-BYE-16/18); §8.3.2.3 steps 3.b/3.c (PF-T-BYE-08/09). */
    private void step2acByeClients(String uid, Completion c) {
        for (Leg leg : legs(l -> true)) {
            String messageUid = leg.kind() == LegKind.CLIENT && variant.uidInByeToClient() ? uid : null;
            bye(leg, reason, messageUid, c, false);
        }
    }

    /** §8.2.2.3 step 2.d (PF-O-BYE-19), §8.3.2.3 step 3.d (PF-T-BYE-10), then step 2.e (PF-O-BYE-20). */
    private void step2dAnswer() {
        session.answer(tx, bye, null);
        releaseAllAndEnd("peer left");
    }
}
