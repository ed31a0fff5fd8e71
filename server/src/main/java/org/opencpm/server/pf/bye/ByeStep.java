package org.opencpm.server.pf.bye;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.transaction.ServerTransaction;

/**
 * What the branches of §8.2.2.3 / §8.3.2.3 share: the BYE being handled, the leg it came on, and the
 * actions every branch takes in the same way (release the sender's media, BYE a set of legs and wait).
 */
abstract class ByeStep {

    final ByeSession session;
    final ByeVariant variant;
    final Leg sender;
    final ServerTransaction tx;
    final SipRequest bye;
    /** The received Reason header, copied into the BYEs this one causes (AMB-06); null if none. */
    final String reason;

    ByeStep(ByeSession session, ByeVariant variant, Leg sender, ServerTransaction tx, SipRequest bye, String reason) {
        this.session = session;
        this.variant = variant;
        this.sender = sender;
        this.tx = tx;
        this.bye = bye;
        this.reason = reason;
    }

    /**
     * PF-O-BYE-08 / RD-01 / RD-11 (PF-T-BYE-02): the sender's leg is released at once, all media only at
     * the end; CPM20-EARLY releases all media first, before any signalling. The sender's dialog ends here.
     */
    final void releaseSenderFirst() {
        if (variant.releaseAllFirst()) {
            session.releaseAllMedia();
        } else {
            session.releaseMedia(sender);
        }
        session.dropLeg(sender);
    }

    /** The live legs other than the sender that match. */
    final List<Leg> legs(Predicate<Leg> which) {
        List<Leg> out = new ArrayList<>();
        for (Leg l : session.legs()) {
            if (l != sender && which.test(l)) {
                out.add(l);
            }
        }
        return out;
    }

    /** Sends a BYE on a leg, counted by {@code c}; {@code thenRelease} releases that leg's media on its answer. */
    final void bye(Leg leg, String withReason, String messageUid, Completion c, boolean thenRelease) {
        c.expect();
        session.sendBye(leg, withReason, messageUid, r -> {
            if (thenRelease) {
                session.releaseMedia(leg);
            }
            c.completed();
        });
    }

    /** The last action of every branch that ends the session: all media released, then everything freed. */
    final void releaseAllAndEnd(String why) {
        session.releaseAllMedia();
        session.end(why);
    }

    abstract void run();
}
