package org.opencpm.server.cf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencpm.common.time.Cancellable;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.conference.DisconnectionMethod;
import org.opencpm.msrp.conference.EndpointStatus;
import org.opencpm.msrp.conference.JoiningMethod;
import org.opencpm.msrp.sdp.MsrpMedia;
import org.opencpm.msrp.sdp.SdpSetup;
import org.opencpm.server.edge.Tags;
import org.opencpm.server.pf.CpmFeatureTags;
import org.opencpm.server.pf.media.Sdp;
import org.opencpm.sip.dialog.Dialog;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.Parameters;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.message.Uri;
import org.opencpm.sip.transaction.ClientTransaction;
import org.opencpm.sip.transaction.ClientTransactionListener;
import org.opencpm.sip.transaction.ServerTransaction;
import org.opencpm.sip.transaction.TransactionFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CPM Group Session at its focus, and the group behind it (the long-lived group of RCS: its
 * Conversation-ID, focus URI and members outlive a session ended on inactivity).
 *
 * <p>Lifecycle:
 * <ol>
 * <li>ACTIVE: created by an INVITE to the conference factory URI (reference §5.1), restarted by a member's
 *     INVITE to the factory (same Conversation-ID) or to the focus URI; participants join by being invited
 *     (dialed-out, through their terminating PFs), by re-joining (dialed-in) or by a REFER (§5.2); every
 *     message from one is fanned out to all others; the inactivity timer
 *     ({@code controlling-function.inactivity-timeout}) restarts with each message.</li>
 * <li>ENDING: the CF removes the remaining participants (CF-RM-01): 480 on inactivity, 410 when the session
 *     is over for good.</li>
 * <li>INACTIVE: no session; the group is kept so a member can restart it; a non-member gets 403
 *     "127 Service not authorised".</li>
 * <li>ENDED: forgotten (no member left, or ended with 410).</li>
 * </ol>
 * All methods run on the SIP owner thread.
 */
final class GroupSession {

    private static final Logger log = LoggerFactory.getLogger(GroupSession.class);

    enum State { ACTIVE, ENDING, INACTIVE, ENDED }

    private static final List<String> ACCEPT_TYPES = List.of("message/cpim");
    private static final List<String> WRAPPED_TYPES = List.of("text/plain", "message/imdn+xml");
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, REFER, SUBSCRIBE, NOTIFY";

    private final String id;
    private final SipUri focus;
    private final String conversationId;
    private final String creator;
    private final CfServices services;
    private final CfSignalling signalling;
    private final ControllingFunction table;
    private final ConferenceNotifier notifier = new ConferenceNotifier(this);
    private final ParticipantRemoval removal;
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private String contributionId;
    private String subject;
    private State state = State.ACTIVE;
    private Cancellable inactivity = Cancellable.NONE;
    private int sdpVersion;
    private int pendingRemovals;

    GroupSession(String id, String conversationId, String contributionId, String creator, String subject,
                 CfServices services, CfSignalling signalling, ControllingFunction table, DisconnectionMethod removalMethod) {
        this.id = id;
        this.focus = SipUri.parse("sip:" + id + "@" + services.domain());
        this.conversationId = conversationId;
        this.contributionId = contributionId;
        this.creator = creator;
        this.subject = subject;
        this.services = services;
        this.signalling = signalling;
        this.table = table;
        this.removal = new ParticipantRemoval(this, removalMethod);
    }

    // ------------------------------------------------------------------ accessors

    String id() {
        return id;
    }

    String focusUri() {
        return focus.toString();
    }

    String conversationId() {
        return conversationId;
    }

    String contributionId() {
        return contributionId;
    }

    String creator() {
        return creator;
    }

    String subject() {
        return subject;
    }

    State state() {
        return state;
    }

    CfServices services() {
        return services;
    }

    CfSignalling signalling() {
        return signalling;
    }

    ControllingFunction table() {
        return table;
    }

    ConferenceNotifier notifier() {
        return notifier;
    }

    Collection<Participant> participants() {
        return participants.values();
    }

    Participant participant(String aor) {
        return participants.get(aor);
    }

    boolean isMember(String aor) {
        Participant p = participants.get(aor);
        return p != null && p.member;
    }

    boolean hasTimer() {
        return inactivity != Cancellable.NONE;
    }

    /**
     * The focus as Contact: the CPM Group Session Identity with {@code isfocus} (RFC 4579 §3.1) and the
     * CPM session ICSI.
     */
    Address focusContact() {
        return Address.of(null, focus.withParam("isfocus", null),
                Parameters.EMPTY.with("+g.3gpp.icsi-ref", CpmFeatureTags.SESSION.featureParam()));
    }

    // ------------------------------------------------------------------ lifecycle

    /** Starts (or restarts) the session; a restart may carry a new Contribution-ID (reference §2.1). */
    void activate(String newContributionId, String newSubject) {
        state = State.ACTIVE;
        if (newContributionId != null) {
            contributionId = newContributionId;
        }
        if (newSubject != null) {
            subject = newSubject;
        }
        restartInactivityTimer();
        log.info("group session {} ({}) active, Conversation-ID {}", id, focus, conversationId);
    }

    private void restartInactivityTimer() {
        inactivity.cancel();
        inactivity = Cancellable.NONE;
        Duration timeout = services.config().inactivityTimeout();
        if (state == State.ACTIVE && timeout != null && !timeout.isZero()) {
            inactivity = services.scheduler().schedule(timeout, this::inactivityTimeout);
        }
    }

    private void inactivityTimeout() {
        inactivity = Cancellable.NONE;
        if (state != State.ACTIVE) {
            return;
        }
        log.info("group session {}: no message for {}; ended with 480, group kept for a restart", id,
                services.config().inactivityTimeout());
        end(ParticipantRemoval.Cause.INACTIVE);
    }

    /** CF-RM-01 (§9.2.9): the session ends by removing every remaining participant. */
    void end(ParticipantRemoval.Cause cause) {
        if (state != State.ACTIVE) {
            return;
        }
        state = State.ENDING;
        inactivity.cancel();
        inactivity = Cancellable.NONE;
        List<Participant> present = new ArrayList<>();
        for (Participant p : participants.values()) {
            if (p.isPresent()) {
                present.add(p);
            }
        }
        pendingRemovals = present.size();
        for (Participant p : present) {
            removal.run(p, cause, null, removed -> {
                if (--pendingRemovals == 0) {
                    ended(cause);
                }
            });
        }
        if (present.isEmpty()) {
            ended(cause);
        }
    }

    private void ended(ParticipantRemoval.Cause cause) {
        notifier.terminateAll("noresource");
        boolean anyMember = participants.values().stream().anyMatch(p -> p.member);
        if (cause.staysMember && anyMember) {
            state = State.INACTIVE;
            log.info("group session {} inactive", id);
        } else {
            state = State.ENDED;
            table.forget(this);
            log.info("group session {} ended", id);
        }
    }

    /** After a participant left: with nobody left in the session, it is over (inactive if members remain). */
    private void checkEmpty() {
        if (state != State.ACTIVE) {
            return;
        }
        for (Participant p : participants.values()) {
            if (p.isPresent()) {
                return;
            }
        }
        state = State.ENDING;
        inactivity.cancel();
        inactivity = Cancellable.NONE;
        boolean anyMember = participants.values().stream().anyMatch(p -> p.member);
        ended(anyMember ? ParticipantRemoval.Cause.INACTIVE : ParticipantRemoval.Cause.SESSION_ENDED);
    }

    // ------------------------------------------------------------------ joining

    /**
     * A participant dials in (the creator, a re-join, a restart): 200 with the focus Contact and our MSRP
     * answer (passive unless the offer says otherwise), dialog and media leg set up, subscribers told.
     */
    void accept(ServerTransaction tx, SipRequest invite, String offerSdp, String aor, JoiningMethod joining) {
        MsrpMedia offer = MsrpMedia.parse(Sdp.parse(offerSdp).msrpSection());
        Participant p = participants.computeIfAbsent(aor, a -> new Participant(a, this));
        if (p.dialog != null) {
            // A re-join replaces the participant's old dialog, which its client no longer uses: released with a
            // BYE so that the entities on its path (the participant's PF) release it too.
            table.unregister(p.dialog);
            signalling.inDialog(p.dialog, SipRequest.BYE, b -> b, status -> { });
            p.dialog.terminate();
        }
        p.releaseMedia();
        MsrpUri local = services.media().newLocalUri();
        SdpSetup setup = SdpSetup.answerFor(offer.setup(), org.opencpm.msrp.SetupRole.PASSIVE);
        MsrpMedia ours = new MsrpMedia(local.effectivePort(), local.secure(), List.of(local), offer.acceptTypes(),
                offer.acceptWrappedTypes(), setup, null);
        String answer = Sdp.parse(offerSdp).derive(services.media().address(), ours.toSdp(), ++sdpVersion);
        SipResponse ok = signalling.recordRouted(invite, invite.createResponse(200).toBuilder()
                .set(HeaderNames.TO, invite.to().withTag(Tags.newTag()))
                .set(HeaderNames.CONTACT, focusContact())
                .set(HeaderNames.ALLOW, ALLOW)
                .set(HeaderNames.ALLOW_EVENTS, "conference")
                .body("application/sdp", answer))
                .build();
        p.dialog = Dialog.asUas(invite, ok);
        p.answerSdp = answer;
        p.local = local;
        p.status = EndpointStatus.CONNECTED;
        p.joining = joining;
        p.member = true;
        p.disconnection = null;
        p.disconnectedBy = null;
        p.disconnectedAt = null;
        table.register(p.dialog, p);
        signalling.respond(tx, ok);
        openLeg(p, local, offer, setup == SdpSetup.ACTIVE);
        notifier.changed(p);
        log.info("group session {}: {} joined ({})", id, aor, joining.token());
    }

    /** Invites {@code uri} through its terminating PF (via the core), Referred-By the inviting user. */
    void inviteOut(String uri, String referredBy) {
        Participant p = participants.computeIfAbsent(uri, a -> new Participant(a, this));
        if (p.isPresent() || p.status == EndpointStatus.DISCONNECTING) {
            return;
        }
        p.status = EndpointStatus.DIALING_OUT;
        p.joining = JoiningMethod.DIALED_OUT;
        p.member = true;
        p.disconnection = null;
        p.disconnectedBy = null;
        p.disconnectedAt = null;
        MsrpUri local = services.media().newLocalUri();
        p.local = local;
        String address = services.media().address();
        String ip = address.indexOf(':') >= 0 ? "IP6" : "IP4";
        int v = ++sdpVersion;
        String sdp = "v=0\r\no=- " + v + " " + v + " IN " + ip + " " + address + "\r\ns=-\r\nc=IN " + ip + " " + address
                + "\r\nt=0 0\r\n" + MsrpMedia.of(local, ACCEPT_TYPES, WRAPPED_TYPES, SdpSetup.ACTPASS, null).toSdp();
        Uri target = Uri.parse(uri);
        SipRequest.Builder b = SipRequest.builder(SipRequest.INVITE, target)
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, Address.of(focus).withTag(Tags.newTag()))
                .add(HeaderNames.TO, Address.of(target))
                .add(HeaderNames.CALL_ID, "cf" + Tags.newTag() + "@" + services.domain())
                .add(HeaderNames.CSEQ, "1 INVITE")
                .add(HeaderNames.CONTACT, focusContact())
                .add(HeaderNames.P_ASSERTED_IDENTITY, "<" + focus + ">")
                .add(HeaderNames.ACCEPT_CONTACT, "*;+g.3gpp.icsi-ref=" + CpmFeatureTags.SESSION.featureParam())
                .add(HeaderNames.CONVERSATION_ID, conversationId)
                .add(HeaderNames.CONTRIBUTION_ID, contributionId)
                .add(HeaderNames.USER_AGENT, services.userAgent())
                .add(HeaderNames.ALLOW, ALLOW)
                .add(HeaderNames.ALLOW_EVENTS, "conference");
        if (referredBy != null) {
            b.add(HeaderNames.REFERRED_BY, "<" + referredBy + ">");
        }
        if (subject != null) {
            b.add(HeaderNames.SUBJECT, subject);
        }
        SipRequest invite = signalling.recordRouted(b.body("application/sdp", sdp)).build();
        p.inviteCSeq = 1;
        p.answerSdp = sdp;
        p.inviting = signalling.viaCore(invite, new ClientTransactionListener() {
            @Override
            public void onFinalResponse(ClientTransaction tx, SipResponse response) {
                p.inviting = null;
                if (response.isSuccess()) {
                    answered(p, tx.request(), response);
                } else {
                    inviteFailed(p, response.status());
                }
            }

            @Override
            public void on2xxRetransmission(ClientTransaction tx, SipResponse response) {
                if (p.dialog != null) {
                    signalling.ack(p.dialog, p.inviteCSeq);
                }
            }

            @Override
            public void onFailure(ClientTransaction tx, TransactionFailure failure) {
                p.inviting = null;
                inviteFailed(p, CfSignalling.NO_RESPONSE);
            }
        });
        notifier.changed(p);
        log.info("group session {}: inviting {} (Referred-By {})", id, uri, referredBy);
    }

    private void answered(Participant p, SipRequest invite, SipResponse ok) {
        Dialog dialog = Dialog.asUac(invite, ok);
        signalling.ack(dialog, p.inviteCSeq);
        if (state != State.ACTIVE || p.status != EndpointStatus.DIALING_OUT) {
            // the invitation was given up meanwhile (removal, session end): release the new dialog
            signalling.inDialog(dialog, SipRequest.BYE, b -> b.add(HeaderNames.REASON,
                    ParticipantRemoval.Cause.SESSION_ENDED.reasonHeader()), status -> { });
            dialog.terminate();
            return;
        }
        MsrpMedia peer;
        try {
            peer = MsrpMedia.parse(Sdp.parse(ok.bodyAsString()).msrpSection());
        } catch (RuntimeException e) {
            log.warn("group session {}: {} answered without usable MSRP media ({})", id, p.uri, e.getMessage());
            signalling.inDialog(dialog, SipRequest.BYE, b -> b.add(HeaderNames.REASON,
                    "SIP;cause=488;text=\"Bad SDP answer\""), status -> { });
            dialog.terminate();
            inviteFailed(p, 488);
            return;
        }
        p.dialog = dialog;
        p.status = EndpointStatus.CONNECTED;
        table.register(dialog, p);
        openLeg(p, p.local, peer, SdpSetup.offererRole(peer.setup()) == org.opencpm.msrp.SetupRole.ACTIVE);
        notifier.changed(p);
        log.info("group session {}: {} joined (dialed-out)", id, p.uri);
    }

    private void inviteFailed(Participant p, int status) {
        if (p.status != EndpointStatus.DIALING_OUT) {
            return;
        }
        p.status = EndpointStatus.DISCONNECTED;
        p.disconnection = status == 486 || status == 600 ? DisconnectionMethod.BUSY : DisconnectionMethod.FAILED;
        notifier.changed(p);
        log.info("group session {}: invitation of {} failed with {}", id, p.uri, status);
        checkEmpty();
    }

    private void openLeg(Participant p, MsrpUri local, MsrpMedia peer, boolean weConnect) {
        GroupMedia.Leg[] self = new GroupMedia.Leg[1];
        // Events of a leg that was replaced (re-join) or released meanwhile are stale: only the current leg counts.
        self[0] = services.media().open(id + "/" + p.uri, local, peer, weConnect, new GroupMedia.LegListener() {
            @Override
            public void onMessage(String contentType, byte[] body) {
                if (p.leg == self[0]) {
                    fanOut(p, contentType, body);
                }
            }

            @Override
            public void onLost(String cause) {
                if (p.leg == self[0]) {
                    mediaLost(p, cause);
                }
            }
        });
        p.leg = self[0];
    }

    // ------------------------------------------------------------------ media

    /** A message from {@code from}: to every other connected participant (or the one its CPIM To names). */
    void fanOut(Participant from, String contentType, byte[] body) {
        if (state != State.ACTIVE || from.status != EndpointStatus.CONNECTED) {
            return;
        }
        restartInactivityTimer();
        FanOut.Delivery d = FanOut.prepare(from.uri, focusUri(), contentType, body);
        for (Participant p : participants.values()) {
            if (p != from && p.status == EndpointStatus.CONNECTED && p.leg != null
                    && (d.privateTo() == null || d.privateTo().equals(p.uri))) {
                p.leg.send(contentType, d.body());
            }
        }
    }

    private void mediaLost(Participant p, String cause) {
        if (p.status != EndpointStatus.CONNECTED || p.leg == null) {
            return;
        }
        // AMB-01: the participant's media is gone; its dialog is released and it stays a member (it may re-join).
        log.info("group session {}: MSRP of {} lost ({})", id, p.uri, cause);
        p.leg = null;
        table.unregister(p.dialog);
        signalling.inDialog(p.dialog, SipRequest.BYE, b -> b.add(HeaderNames.REASON,
                "SIP;cause=503;text=\"MSRP connection lost\""), status -> { });
        p.dialog.terminate();
        p.dialog = null;
        p.status = EndpointStatus.DISCONNECTED;
        p.disconnection = DisconnectionMethod.FAILED;
        notifier.changed(p);
        notifier.terminateFor(p.uri, "noresource");
        checkEmpty();
    }

    // ------------------------------------------------------------------ requests in a participant's dialog

    void onRequest(ServerTransaction tx, SipRequest request, Participant p) {
        switch (request.method()) {
            case SipRequest.BYE -> leave(tx, request, p);
            case SipRequest.REFER -> ParticipantReferral.handle(this, tx, request, p);
            case SipRequest.INVITE, SipRequest.UPDATE -> refresh(tx, request, p);
            case SipRequest.OPTIONS -> signalling.respond(tx, request.createResponse(200).toBuilder()
                    .set(HeaderNames.ALLOW, ALLOW).build());
            default -> signalling.respond(tx, request.createResponse(405).toBuilder()
                    .set(HeaderNames.ALLOW, ALLOW).build());
        }
    }

    /** A session refresh or re-offer (RFC 4028, RFC 3311): the focus keeps the media as negotiated. */
    private void refresh(ServerTransaction tx, SipRequest request, Participant p) {
        SipResponse.Builder ok = request.createResponse(200).toBuilder().set(HeaderNames.CONTACT, focusContact());
        if (request.isMethod(SipRequest.INVITE) && p.answerSdp != null && request.body().length > 0) {
            ok.body("application/sdp", p.answerSdp);
        }
        signalling.respond(tx, ok.build());
    }

    /**
     * A participant's BYE: it leaves (reference §5.4: {@code departed}). With {@code Reason: SIP;cause=200}
     * (CL-LEAVE-01) it leaves the group for good; without, or with another cause, it stays a member.
     */
    private void leave(ServerTransaction tx, SipRequest bye, Participant p) {
        signalling.respond(tx, bye.createResponse(200));
        table.unregister(p.dialog);
        p.dialog.terminate();
        p.dialog = null;
        p.releaseMedia();
        if (p.status != EndpointStatus.CONNECTED) {
            return;
        }
        p.status = EndpointStatus.DISCONNECTED;
        p.disconnection = DisconnectionMethod.DEPARTED;
        p.disconnectedAt = java.time.OffsetDateTime.ofInstant(
                java.time.Instant.ofEpochMilli(services.scheduler().clock().currentTimeMillis()), java.time.ZoneOffset.UTC);
        if (isVoluntaryLeave(bye)) {
            p.member = false;
        }
        notifier.changed(p);
        notifier.terminateFor(p.uri, "noresource");
        log.info("group session {}: {} left", id, p.uri);
        checkEmpty();
    }

    static boolean isVoluntaryLeave(SipRequest bye) {
        List<String> reasons = bye.headerValues(HeaderNames.REASON);
        if (reasons.isEmpty()) {
            return true; // RFC 3261 plain BYE: the user hung up
        }
        for (String r : reasons) {
            String v = r.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
            if (v.startsWith("sip;") && v.contains("cause=200")) {
                return true;
            }
        }
        return false;
    }

    /** §9.2.6: removal of {@code target} requested by {@code by} (CF-RM-01…08). */
    void remove(Participant target, String by) {
        removal.run(target, ParticipantRemoval.Cause.REMOVED, by, p -> checkEmpty());
    }
}
