package org.opencpm.server.pf.media;

import java.util.List;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.sdp.MsrpMedia;

/**
 * The media plane of the Participating Function in B2BUA mode: the MSRP relays joining each CPM
 * Session's client leg and network leg. Production uses {@link MsrpMediaPlane} on the server's MSRP
 * listener; deterministic procedure tests use a recording plane, so that "release the Media Plane
 * resources" steps are visible as calls, in order, next to the SIP messages.
 */
public interface MediaPlane {

    /** A fresh local MSRP URI for one leg's SDP. */
    MsrpUri newLocalUri();

    /** The IP address the PF's SDP c= and o= lines carry. */
    String address();

    /**
     * Joins two legs once both SDP exchanges are done.
     *
     * @param session   a label for logs (the CPM session id)
     * @param clientLeg our local URI, the client's media description, and who connects on that leg
     * @param networkLeg the same for the network leg
     * @param listener  told of connection loss and undeliverable messages, on the SIP owner thread
     */
    Relay join(String session, LegMedia clientLeg, LegMedia networkLeg, RelayListener listener);

    /**
     * Joins two legs with an inspector of the messages crossing the relay (the session's IMDN rules). A plane
     * that relays no real messages (a test's recording plane) may ignore it: that is the default.
     */
    default Relay join(String session, LegMedia clientLeg, LegMedia networkLeg, RelayListener listener,
                       MessageInspector inspector) {
        return join(session, clientLeg, networkLeg, listener);
    }

    /** One leg's media: our URI, the peer's description, whether we connect. */
    record LegMedia(MsrpUri local, MsrpMedia peer, boolean weConnect, List<String> acceptTypes) {
    }

    /** A joined relay of one CPM Session. */
    interface Relay {
        /** Releases the media of one leg (its connection to that side); the other leg stays. */
        void releaseLeg(Side side);

        /** Releases all media of the session. */
        void release();
    }

    enum Side { CLIENT, NETWORK }

    /** What the relay reports to the session; delivered on the SIP owner thread. */
    interface RelayListener {
        /** The MSRP connection of one leg was lost or never set up (AMB-01). */
        void onLegLost(Side side, String cause);
    }
}
