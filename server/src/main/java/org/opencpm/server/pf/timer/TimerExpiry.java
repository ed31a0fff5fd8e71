package org.opencpm.server.pf.timer;

import org.opencpm.server.pf.bye.ByeSession;
import org.opencpm.server.pf.bye.Completion;
import org.opencpm.server.pf.bye.Leg;
import org.opencpm.server.pf.bye.LegKind;

/**
 * What §8.2.2.4 and §8.3.2.4 share once their storage steps ran: BYEs with the Message-UID to the client
 * legs, BYEs to the IWFs or the other CPM entity, then, when they are answered (or the AMB-12 guard
 * fires), all media released as the last step and the session freed.
 */
final class TimerExpiry {

    private TimerExpiry() {
    }

    /** Sends the BYEs in order: clients first, then IWFs, then the other CPM entity. */
    static void byeAllThenRelease(ByeSession s, String messageUid, String reason, String why) {
        Completion c = new Completion("session " + s.id() + " " + why, () -> {
            s.releaseAllMedia();
            s.end(why);
        });
        for (LegKind kind : new LegKind[] {LegKind.CLIENT, LegKind.IWF, LegKind.NETWORK}) {
            for (Leg leg : java.util.List.copyOf(s.legs())) {
                if (leg.kind() == kind) {
                    c.expect();
                    s.sendBye(leg, reason, kind == LegKind.CLIENT ? messageUid : null, r -> c.completed());
                }
            }
        }
        c.await(s);
    }
}
