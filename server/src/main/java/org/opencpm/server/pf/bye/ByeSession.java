package org.opencpm.server.pf.bye;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.opencpm.common.time.Cancellable;
import org.opencpm.server.config.UserPreferences;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transaction.ServerTransaction;

/**
 * What the BYE and session-timer procedures may do to a CPM Session: the session
 * ({@code org.opencpm.server.pf.session.CpmSession}) implements it for the network, procedure unit tests
 * with a recording fake. All calls on the SIP owner thread.
 */
public interface ByeSession {

    String id();

    /** True for the originating PF (§8.2.2.x), false for the terminating PF (§8.3.2.x). */
    boolean originating();

    /** True if the other CPM entity is a focus (CF): a CPM Group Session. */
    boolean isGroup();

    UserPreferences preferences();

    /** The live legs, in the order they were set up. */
    List<Leg> legs();

    /** Releases the media of one leg (no-op for a leg the relay does not carry). */
    void releaseMedia(Leg leg);

    /** Releases all media of the session. */
    void releaseAllMedia();

    /** Removes a leg whose dialog ended: dialog terminated, its session timer stopped. Media is not touched. */
    void dropLeg(Leg leg);

    /**
     * Sends a BYE on a leg (RFC 3261 §15.1.1) and drops the leg.
     *
     * @param reason     the Reason header value, or null (AMB-06)
     * @param messageUid the Message-UID header value, or null (AMB-33: only when a UID was obtained)
     * @param done       called once with the final response, or null on timeout / transport failure / no route
     */
    void sendBye(Leg leg, String reason, String messageUid, Consumer<SipResponse> done);

    /** AMB-31: a re-INVITE on {@code towards} with the media streams of {@code closedIwf} set to port 0. */
    void reInviteWithoutStreamsOf(Leg towards, Leg closedIwf, Consumer<SipResponse> done);

    /** Answers a BYE 200 "OK", with a Message-UID if {@code messageUid} is not null. */
    void answer(ServerTransaction tx, SipRequest bye, String messageUid);

    /** Schedules on the session's scheduler; the session cancels what is pending when it ends. */
    Cancellable schedule(Duration delay, Runnable task);

    /** §8.5.2 Record CPM Session (PF-O-BYE-17/22, PF-T-BYE-07/12); the UID obtained, or null. */
    String recordSession(String why);

    /** Stores a GSO snapshot (AMB-34), setting GroupStateObjectID if asked; the GSO UID, or null. */
    String storeGroupState(boolean setGroupStateObjectId);

    /** The SIO's UID (from the SHF's SessionInfoObjectID metadata if not known), or null (AMB-07). */
    String sessionInfoUid();

    /** PF-O-BYE-25…28: the PF stays towards the CF; {@code intercept} per PF-O-BYE-27. */
    void remainInGroup(boolean intercept);

    /** The session is over: every leg, the relay and every timer is freed. */
    void end(String why);
}
