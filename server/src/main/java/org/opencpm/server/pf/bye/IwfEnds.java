package org.opencpm.server.pf.bye;

import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transaction.ServerTransaction;

/**
 * §8.2.2.3 step 3 (seed 001) and §8.3.2.3 step 4 (seed 004), "BYE sent by one of the IWFs":
 * <ul>
 * <li>3.a (PF-O-BYE-21, PF-T-BYE-11, AMB-31), several IWFs and the policy {@code iwf-bye-closes: streams}:
 *     the IWF's BYE is answered at once and its leg released; the served client (originating) or the
 *     other CPM entity (terminating) gets a re-INVITE with that IWF's streams at port 0. A 481/408 to
 *     it means that leg is gone too: the session ends; any other failure leaves it as it is.</li>
 * <li>3.b (PF-O-BYE-22, PF-T-BYE-12): store the session per §8.5.2 if allowed, BYE the client(s) or the
 *     other CPM entity, answer the IWF on their answer (AMB-32), release all media (PF-O-BYE-23).</li>
 * </ul>
 */
final class IwfEnds extends ByeStep {

    private final boolean streamsOnly;

    IwfEnds(ByeSession s, ByeVariant v, Leg sender, ServerTransaction tx, SipRequest bye, String reason,
            boolean streamsOnly) {
        super(s, v, sender, tx, bye, reason);
        this.streamsOnly = streamsOnly;
    }

    @Override
    void run() {
        if (streamsOnly) {
            step3aCloseStreams();
        } else {
            step3bEndSession();
        }
    }

    /** §8.2.2.3 step 3.a (PF-O-BYE-21), §8.3.2.3 step 4.a (PF-T-BYE-11). */
    private void step3aCloseStreams() {
        session.answer(tx, bye, null);
        session.releaseMedia(sender);
        session.dropLeg(sender);
        LegKind towards = session.originating() ? LegKind.CLIENT : LegKind.NETWORK;
        Leg target = legs(l -> l.kind() == towards).stream().findFirst().orElse(null);
        if (target == null) {
            return;
        }
        session.reInviteWithoutStreamsOf(target, sender, this::onReInviteAnswered);
    }

    private void onReInviteAnswered(SipResponse r) {
        if (r == null || r.status() == 481 || r.status() == 408) {
            // AMB-31: the leg the re-INVITE went on is gone; nothing is left to keep the session for
            Completion c = new Completion("session " + session.id() + " re-INVITE failed", () -> releaseAllAndEnd("re-INVITE failed"));
            for (Leg leg : legs(l -> true)) {
                bye(leg, reason, null, c, false);
            }
            c.await(session);
        }
    }

    /** §8.2.2.3 step 3.b.i-iv and 3.c (PF-O-BYE-22/23), §8.3.2.3 step 4.b.i-iv (PF-T-BYE-12). */
    private void step3bEndSession() {
        releaseSenderFirst();
        String uid = session.preferences().allowOfflineStorage() ? session.recordSession("IWF left") : null;
        Completion c = new Completion("session " + session.id() + " BYE from an IWF", () -> {
            session.answer(tx, bye, null);
            releaseAllAndEnd("IWF left");
        });
        for (Leg leg : legs(l -> true)) {
            String messageUid = leg.kind() == LegKind.CLIENT && variant.uidInByeToClient() ? uid : null;
            bye(leg, reason, messageUid, c, false);
        }
        c.await(session);
    }
}
