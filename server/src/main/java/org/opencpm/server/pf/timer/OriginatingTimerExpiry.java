package org.opencpm.server.pf.timer;

import org.opencpm.server.pf.bye.ByeSession;

/**
 * §8.2.2.4 SIP Session Timer Expiry, originating PF in B2BUA mode (seed 004):
 * <ol>
 * <li>generate a BYE for the served client (PF-O-TMR-01);</li>
 * <li>{@code <allow-offline-storage>} true and a SHF used: store a GSO and set GroupStateObjectID to its UID
 *     (PF-O-TMR-02; a group session only, AMB-14 — a 1-1 session closes its §8.5.2 recording instead),
 *     and put the SIO UID in a Message-UID of the BYE (PF-O-TMR-03, AMB-07, AMB-33, RD-12);</li>
 * <li>send the BYE to the client (PF-O-TMR-04);</li>
 * <li>interworked: BYE to each IWF (PF-O-TMR-05);</li>
 * <li>otherwise: BYE to the other CPM entity (PF-O-TMR-06);</li>
 * <li>release all media as the last step (PF-O-TMR-07).</li>
 * </ol>
 * In proxy mode the PF is no UA and sends no BYE (PF-O-TMR-08, RFC 4028 proxy behaviour).
 */
public final class OriginatingTimerExpiry {

    private final ByeSession session;
    private final String reason;

    /** @param reason the Reason of the BYEs, or null (AMB-06: none by default) */
    public OriginatingTimerExpiry(ByeSession session, String reason) {
        this.session = session;
        this.reason = reason;
    }

    public void run() {
        String uid = step2Store();
        TimerExpiry.byeAllThenRelease(session, uid, reason, "session timer expired"); // steps 1, 3-6
    }

    /** §8.2.2.4 step 2.a-b (PF-O-TMR-02/03). */
    private String step2Store() {
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
