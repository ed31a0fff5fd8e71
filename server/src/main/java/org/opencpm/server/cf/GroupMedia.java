package org.opencpm.server.cf;

import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.sdp.MsrpMedia;

/**
 * The media plane of the Controlling Function: one MSRP session per participant of a CPM Group
 * Session, terminated at the focus, so that the CF can fan every message out to all other participants.
 * Production uses {@link MsrpGroupMedia} on the server's MSRP listener; procedure tests use a recording
 * plane, so that "release the Media Plane resources" (CF-RM-05) is visible as a call, in order, next to
 * the SIP messages.
 */
public interface GroupMedia {

    /** A fresh local MSRP URI for one participant's SDP. */
    MsrpUri newLocalUri();

    /** The IP address the CF's SDP c= and o= lines carry. */
    String address();

    /**
     * Opens one participant's leg once its SDP exchange is done.
     *
     * @param label     for logs: focus id and participant
     * @param local     our URI on that leg (from {@link #newLocalUri})
     * @param peer      the participant's media description
     * @param weConnect whether the focus is the active side (RFC 6135)
     * @param listener  told of messages and connection loss, on the SIP owner thread
     */
    Leg open(String label, MsrpUri local, MsrpMedia peer, boolean weConnect, LegListener listener);

    /** One participant's MSRP session at the focus. */
    interface Leg {
        /** Sends one whole message to the participant. */
        void send(String contentType, byte[] body);

        /** Releases the leg at once; queued media for the participant is discarded (CF-RM-05). */
        void release();
    }

    /** What a leg reports; called on the SIP owner thread. */
    interface LegListener {
        /** A whole message arrived from the participant. */
        void onMessage(String contentType, byte[] body);

        /** The MSRP connection was lost or never set up. */
        void onLost(String cause);
    }
}
