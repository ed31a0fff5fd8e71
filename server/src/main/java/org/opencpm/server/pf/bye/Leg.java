package org.opencpm.server.pf.bye;

import org.opencpm.common.time.Cancellable;
import org.opencpm.server.pf.media.MediaPlane;
import org.opencpm.sip.dialog.Dialog;

/**
 * One dialog of a B2BUA CPM Session: its kind (client, other CPM entity, IWF), the dialog, the side of
 * the MSRP relay that carries its media (null for an additional client leg that the relay does not
 * join, AMB-15/AMB-42), and the RFC 4028 session timer negotiated on it.
 *
 * <p>Owned by the session on the SIP owner thread.
 */
public final class Leg {

    private final LegKind kind;
    private final Dialog dialog;
    private final MediaPlane.Side mediaSide;
    private final long inviteCSeq;
    private final String localSdp;
    private final boolean peerAllowsUpdate;
    private Cancellable timer = Cancellable.NONE;
    private long sessionInterval;
    private boolean pfRefreshes;

    /**
     * @param inviteCSeq       CSeq of the INVITE that made the dialog
     * @param localSdp         the SDP the PF last sent on this leg (re-sent in refreshing re-INVITEs)
     * @param peerAllowsUpdate whether the peer listed UPDATE in Allow (refresh with UPDATE, RFC 4028 §7.4)
     */
    public Leg(LegKind kind, Dialog dialog, MediaPlane.Side mediaSide, long inviteCSeq, String localSdp,
               boolean peerAllowsUpdate) {
        this.kind = kind;
        this.dialog = dialog;
        this.mediaSide = mediaSide;
        this.inviteCSeq = inviteCSeq;
        this.localSdp = localSdp;
        this.peerAllowsUpdate = peerAllowsUpdate;
    }

    public LegKind kind() {
        return kind;
    }

    public Dialog dialog() {
        return dialog;
    }

    /** The relay side carrying this leg's media, or null if the relay does not carry it. */
    public MediaPlane.Side mediaSide() {
        return mediaSide;
    }

    public long inviteCSeq() {
        return inviteCSeq;
    }

    public String localSdp() {
        return localSdp;
    }

    public boolean peerAllowsUpdate() {
        return peerAllowsUpdate;
    }

    /** The negotiated session interval in seconds, 0 if no session timer runs on this leg. */
    public long sessionInterval() {
        return sessionInterval;
    }

    /** True if the PF is the refresher on this leg (RFC 4028), false if the peer is. */
    public boolean pfRefreshes() {
        return pfRefreshes;
    }

    /** Replaces the leg's timer task (refresh or expiry), cancelling the previous one. */
    public void arm(long intervalSeconds, boolean pfRefreshes, Cancellable task) {
        timer.cancel();
        this.sessionInterval = intervalSeconds;
        this.pfRefreshes = pfRefreshes;
        this.timer = task;
    }

    /** Stops the leg's session timer. */
    public void stopTimer() {
        timer.cancel();
        timer = Cancellable.NONE;
    }

    @Override
    public String toString() {
        return kind + " leg " + dialog.id();
    }
}
