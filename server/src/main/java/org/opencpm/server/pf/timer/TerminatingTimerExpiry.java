package org.opencpm.server.pf.timer;

import org.opencpm.server.pf.bye.ByeSession;

/**
 * §8.3.2.4 SIP Session Timer Expiry, terminating PF in B2BUA mode (seed 004), as AMB-08 reads it:
 * <ol>
 * <li>update and store the GSO (PF-T-TMR-01) — gated on {@code <allow-offline-storage>} and only for a
 *     group session (AMB-08, AMB-14; a 1-1 session closes its §8.5.2 recording instead);</li>
 * <li>obtain the SIO's UID (PF-T-TMR-02; AMB-08: GroupStateObjectID is what the GSO store sets,
 *     SessionInfoObjectID stays as set at setup);</li>
 * <li>interworked: BYE to each IWF (PF-T-TMR-03); otherwise a BYE to the served client with Message-UID
 *     (PF-T-TMR-04, AMB-33);</li>
 * <li>a BYE to the other CPM entity (PF-T-TMR-05);</li>
 * <li>release all media as the last step (PF-T-TMR-06).</li>
 * </ol>
 * In proxy mode the PF sends no BYE (PF-T-TMR-07).
 */
public final class TerminatingTimerExpiry {

    private final ByeSession session;
    private final String reason;

    public TerminatingTimerExpiry(ByeSession session, String reason) {
        this.session = session;
        this.reason = reason;
    }

    public void run() {
        String uid = steps1to3Store();
        TimerExpiry.byeAllThenRelease(session, uid, reason, "session timer expired"); // steps 4-8
    }

    /** §8.3.2.4 steps 1-3 (PF-T-TMR-01/02). */
    private String steps1to3Store() {
        if (!session.preferences().allowOfflineStorage()) {
            return null;
        }
        if (session.isGroup()) {
            session.storeGroupState(true);
        } else {
            session.recordSession("session timer expired");
        }
        return session.sessionInfoUid();
    }
}
