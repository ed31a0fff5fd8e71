package org.opencpm.server.pf.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.opencpm.common.time.Cancellable;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.sdp.MsrpMedia;
import org.opencpm.msrp.sdp.SdpSetup;
import org.opencpm.server.edge.NextHop;
import org.opencpm.server.edge.Tags;
import org.opencpm.server.config.UserPreferences;
import org.opencpm.server.pf.PfServices;
import org.opencpm.server.pf.bye.ByeHandler;
import org.opencpm.server.pf.bye.ByeOutcome;
import org.opencpm.server.pf.bye.ByeSession;
import org.opencpm.server.pf.bye.Leg;
import org.opencpm.server.pf.bye.LegKind;
import org.opencpm.server.pf.media.MediaPlane;
import org.opencpm.server.pf.media.Sdp;
import org.opencpm.server.pf.timer.OriginatingTimerExpiry;
import org.opencpm.server.pf.timer.SessionTimerPolicy;
import org.opencpm.server.pf.timer.TerminatingTimerExpiry;
import org.opencpm.sip.dialog.Dialog;
import org.opencpm.sip.dialog.DialogRequest;
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
import org.opencpm.sip.transport.Inbound;
import org.opencpm.sip.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CPM Session handled by the Participating Function as a B2BUA (PF in the media path): the
 * incoming dialog (from the served client when originating, from the network when terminating), the
 * outgoing dialog(s) (one client transaction per forked branch until the first 2xx; with multi-device
 * direct delivery, later 2xx kept as more client legs, AMB-42/AMB-15), the MSRP relay that joins the
 * media, and an RFC 4028 session timer per leg.
 *
 * <p>Lifecycle:
 * <ol>
 * <li>INVITING: the outgoing INVITE is out (PF-O-INV-05…09, PF-T-INV-08…14); 1xx are relayed. A BYE or
 *     CANCEL from the caller ends the setup: the branches are cancelled, the INVITE answered 487.</li>
 * <li>WAITING_ACK: the first 2xx arrived; the relay is joined and the incoming INVITE answered with a
 *     2xx of our own (PF-O-INV-16/17, PF-T-INV-18); the session timer is negotiated on each leg.</li>
 * <li>ESTABLISHED: the client's ACK arrived and was regenerated on the other dialog (PF-O-INV-22,
 *     PF-T-INV-23, AMB-41: no ACK within 32 s ends both dialogs).</li>
 * <li>REMAINING: the served client's connection was lost in a group session and the PF stays towards the
 *     CF (§8.2.2.3 step 4, PF-O-BYE-25…28).</li>
 * <li>ENDING: a BYE (§8.2.2.3, §8.3.2.3; {@link ByeHandler}) or a session-timer expiry (§8.2.2.4,
 *     §8.3.2.4) is being carried out.</li>
 * <li>ENDED: every leg, the relay and every timer freed; the session removed from the table.</li>
 * </ol>
 * All methods run on the SIP owner thread.
 */
public final class CpmSession {

    private static final Logger log = LoggerFactory.getLogger(CpmSession.class);

    /** AMB-41: how long the PF waits for the client's ACK before it ends both dialogs. */
    static final Duration ACK_WAIT = Duration.ofSeconds(32);

    enum State { INVITING, WAITING_ACK, ESTABLISHED, REMAINING, ENDING, ENDED }

    private final String id;
    private final Role role;
    private final SipUri servedUser;
    private final PfServices pf;
    private final SessionTable table;
    private final ServerTransaction inviteTx;
    private final SipRequest incomingInvite;
    private final String inTag = Tags.newTag();
    private final String outTag;
    private final String outCallId;
    private final List<ClientTransaction> branches = new ArrayList<>(2);
    private final Map<ClientTransaction, NextHop> hops = new IdentityHashMap<>(2);
    private final MsrpUri inLocal;
    private final MsrpUri outLocal;
    private final MsrpMedia inPeerOffer;
    private final String conversationId;
    private final String contributionId;
    private final SessionTimerPolicy timers;
    /** The live legs; a leg leaves this list when its dialog ends. */
    private final List<Leg> legs = new ArrayList<>(2);
    /** Legs whose dialog ended while the session lives on: a late BYE on them still gets its 200. */
    private final List<Leg> endedLegs = new ArrayList<>(2);
    private final List<Cancellable> pendingTasks = new ArrayList<>(2);
    private final Port port = new Port();
    private SipRequest outgoingInvite;
    private Leg inLeg;
    private Leg winnerLeg;
    private ClientTransaction winner;
    private MediaPlane.Relay relay;
    private Cancellable ackTimer = Cancellable.NONE;
    private SipResponse bestFailure;
    private int pending;
    private boolean setupAbandoned;
    private boolean group;
    private boolean intercepting;
    private String inAnswerSdp;
    private State state = State.INVITING;
    private java.util.function.Function<CpmSession, org.opencpm.server.pf.media.MessageInspector> inspectors =
            s -> org.opencpm.server.pf.media.MessageInspector.PASS;

    CpmSession(String id, Role role, SipUri servedUser, PfServices pf, SessionTable table, ServerTransaction inviteTx,
               MsrpUri inLocal, MsrpUri outLocal, MsrpMedia inPeerOffer) {
        this.id = id;
        this.role = role;
        this.servedUser = servedUser;
        this.pf = pf;
        this.table = table;
        this.inviteTx = inviteTx;
        this.incomingInvite = inviteTx.request();
        this.inLocal = inLocal;
        this.outLocal = outLocal;
        this.inPeerOffer = inPeerOffer;
        this.outTag = Tags.newTag();
        this.outCallId = "pf" + id + "@" + pf.domain();
        this.conversationId = incomingInvite.header(HeaderNames.CONVERSATION_ID);
        this.contributionId = incomingInvite.header(HeaderNames.CONTRIBUTION_ID);
        this.timers = new SessionTimerPolicy(pf.config().sessionExpires());
    }

    /** Sets who inspects the messages crossing this session's relay (the IMDN rules); before the session starts. */
    void setInspectors(java.util.function.Function<CpmSession, org.opencpm.server.pf.media.MessageInspector> f) {
        this.inspectors = f;
    }

    /** The other party of the session: the INVITE's target when originating, its asserted caller when terminating. */
    public String peer() {
        if (role == Role.ORIGINATING) {
            return incomingInvite.requestUri().toString();
        }
        String pai = incomingInvite.header(HeaderNames.P_ASSERTED_IDENTITY);
        if (pai != null && pai.indexOf('<') >= 0 && pai.indexOf('>') > pai.indexOf('<')) {
            return pai.substring(pai.indexOf('<') + 1, pai.indexOf('>'));
        }
        return incomingInvite.from().uri().toString();
    }

    public String id() {
        return id;
    }

    public Role role() {
        return role;
    }

    public SipUri servedUser() {
        return servedUser;
    }

    /** The session's live legs (for tests and diagnostics). */
    public List<Leg> legs() {
        return List.copyOf(legs);
    }

    /** True while the PF stays towards the CF after the served client's connection loss (PF-O-BYE-25…28). */
    public boolean isRemaining() {
        return state == State.REMAINING;
    }

    /** PF-O-BYE-27: messages of the group session are intercepted while remaining. */
    public boolean isIntercepting() {
        return intercepting;
    }

    String outTag() {
        return outTag;
    }

    String outCallId() {
        return outCallId;
    }

    MsrpUri outLocal() {
        return outLocal;
    }

    /**
     * Sends the outgoing INVITE on each branch (step 4/7 of the invitation procedures), with the PF's
     * session-timer offer (RFC 4028: Supported: timer, Session-Expires, Min-SE). An incoming INVITE whose
     * Session-Expires is below the PF's Min-SE gets 422 and no session.
     */
    void start(Outgoing outgoing) {
        SipResponse tooSmall = timers.tooSmall(incomingInvite);
        table.registerInvite(inviteTx, this);
        if (tooSmall != null) {
            respondIncoming(tooSmall.toBuilder().set(HeaderNames.TO, incomingInvite.to().withTag(inTag)).build());
            end("422 Session Interval Too Small");
            return;
        }
        SipRequest.Builder ob = outgoing.invite().toBuilder();
        timers.offer(ob, timers.interval(), SessionTimerPolicy.minSe(incomingInvite), false);
        this.outgoingInvite = ob.build();
        table.register(outCallId, outTag, this);
        // an early BYE from the caller (RFC 3261 §15) must reach the session: index the incoming leg now
        table.register(incomingInvite.callId(), inTag, this);
        for (NextHop hop : outgoing.branches()) {
            pending++;
            sendBranch(outgoingInvite, hop);
        }
        log.debug("CPM session {} ({} for {}): INVITE sent on {} branch(es)", id, role, servedUser, branches.size());
    }

    private void sendBranch(SipRequest invite, NextHop hop) {
        SipRequest.Builder b = invite.toBuilder();
        if (hop.contactUri() != null) {
            b.requestUri(hop.contactUri());
        }
        SipRequest branch = b.build();
        ClientTransaction ct = hop.usableFlow() != null ? pf.sender().sendRequest(branch, hop.usableFlow(), outListener)
                : pf.sender().sendRequest(branch, hop.target(), outListener);
        branches.add(ct);
        hops.put(ct, hop);
    }

    // ------------------------------------------------------------------ responses on the outgoing side

    private final ClientTransactionListener outListener = new ClientTransactionListener() {
        @Override
        public void onProvisionalResponse(ClientTransaction tx, SipResponse response) {
            if (state == State.INVITING && response.status() > 100 && !inviteTx.isCancelled() && !setupAbandoned) {
                respondIncoming(incomingInvite.createResponse(response.status(), response.reason()).toBuilder()
                        .set(HeaderNames.TO, incomingInvite.to().withTag(inTag)).build());
            }
        }

        @Override
        public void onFinalResponse(ClientTransaction tx, SipResponse response) {
            pending--;
            if (response.isSuccess()) {
                if (winner == null && state == State.INVITING && !inviteTx.isCancelled() && !setupAbandoned) {
                    winner = tx;
                    answered(tx, response);
                    for (ClientTransaction other : branches) {
                        if (other != tx && !other.isTerminated()) {
                            other.cancel("SIP;cause=200;text=\"Call completed elsewhere\"");
                        }
                    }
                } else if (keepsExtraLegs() && (state == State.WAITING_ACK || state == State.ESTABLISHED)) {
                    keepExtraLeg(tx, response);
                } else {
                    ackAndBye(tx, response);
                    failIfAllDone();
                }
                return;
            }
            if (response.status() == 422 && retryWithLargerInterval(tx, response)) {
                return;
            }
            consider(response);
            failIfAllDone();
        }

        @Override
        public void on2xxRetransmission(ClientTransaction tx, SipResponse response) {
            if (tx == winner && state != State.WAITING_ACK) {
                sendOutAck(); // our ACK was lost: RFC 3261 §13.2.2.4, ACK every 2xx retransmission
            } else if (tx != winner) {
                Leg kept = keptLeg(tx, response);
                if (kept != null) {
                    send(kept.dialog().createAck(tx.request().cseq().sequence()), true, null); // §13.2.2.4
                } else if (!keepsExtraLegs()) {
                    ackAndBye(tx, response);
                }
            }
        }

        @Override
        public void onFailure(ClientTransaction tx, TransactionFailure failure) {
            pending--;
            consider(tx.request().createResponse(failure.asStatus()));
            failIfAllDone();
        }
    };

    /** RFC 4028 §7.4 / §8.1: a 422 names the Min-SE the branch needs; the INVITE is sent again once with it. */
    private boolean retryWithLargerInterval(ClientTransaction tx, SipResponse r) {
        long minSe = SessionTimerPolicy.minSe(r);
        NextHop hop = hops.remove(tx);
        if (minSe <= 0 || hop == null || state != State.INVITING || setupAbandoned || inviteTx.isCancelled()
                || tx.request().cseq().sequence() > 1) {
            return false;
        }
        SipRequest.Builder b = tx.request().toBuilder().set(HeaderNames.CSEQ, (tx.request().cseq().sequence() + 1)
                + " " + SipRequest.INVITE);
        b.removeFirstValue(HeaderNames.VIA);
        timers.offer(b, Math.max(minSe, timers.interval()), minSe, false);
        pending++;
        branches.remove(tx);
        SipRequest retry = b.build();
        sendBranch(retry, new NextHop(hop.target(), hop.flow(), null));
        log.debug("CPM session {}: 422 from {}; INVITE sent again with Session-Expires {}", id, tx.target(), minSe);
        return true;
    }

    private boolean keepsExtraLegs() {
        // AMB-42 / AMB-15: with direct delivery to all clients (CPM21, RD-04) later client 2xx stay as legs
        return role == Role.TERMINATING && pf.config().directDeliveryAllClients()
                && pf.config().profile() == org.opencpm.server.config.Profile.CPM21;
    }

    private void consider(SipResponse response) {
        // RFC 3261 §16.7 step 6 as AMB-25 adopts it: a 6xx wins, else the lowest class.
        if (bestFailure == null || rank(response) < rank(bestFailure)) {
            bestFailure = response;
        }
    }

    private static int rank(SipResponse r) {
        return r.statusClass() == 6 ? 0 : r.status();
    }

    private void failIfAllDone() {
        if (pending > 0 || winner != null || state != State.INVITING) {
            return;
        }
        if (inviteTx.isCancelled() || setupAbandoned) {
            end("cancelled");
            return;
        }
        SipResponse best = bestFailure == null ? outgoingInvite.createResponse(480) : bestFailure;
        int status = best.status() == 503 ? 500 : best.status();
        SipResponse.Builder r = incomingInvite.createResponse(status, best.reason()).toBuilder()
                .set(HeaderNames.TO, incomingInvite.to().withTag(inTag));
        for (String h : new String[] {HeaderNames.WARNING, HeaderNames.RETRY_AFTER, HeaderNames.REASON, HeaderNames.MIN_SE}) {
            if (best.header(h) != null) {
                r.set(h, best.header(h));
            }
        }
        log.info("CPM session {} ({} for {}): invitation failed with {} {}", id, role, servedUser, status, best.reason());
        respondIncoming(r.build());
        end("invitation failed " + status);
    }

    private LegKind outgoingKind(ClientTransaction tx) {
        NextHop hop = hops.get(tx);
        if (hop != null && pf.isf() != null && hop.target().equals(pf.isf())) {
            return LegKind.IWF;
        }
        return role == Role.ORIGINATING ? LegKind.NETWORK : LegKind.CLIENT;
    }

    private static boolean allowsUpdate(org.opencpm.sip.message.SipMessage m) {
        for (String v : m.headerValues(HeaderNames.ALLOW)) {
            for (String method : v.split(",")) {
                if (method.trim().equalsIgnoreCase(SipRequest.UPDATE)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first 2xx: join the media, answer the incoming INVITE (PF-O-INV-16/17, PF-T-INV-18). */
    private void answered(ClientTransaction tx, SipResponse ok) {
        Dialog outDialog = Dialog.asUac(tx.request(), ok);
        Leg outLeg = new Leg(outgoingKind(tx), outDialog, role.clientIsIncoming() ? MediaPlane.Side.NETWORK
                : MediaPlane.Side.CLIENT, tx.request().cseq().sequence(), tx.request().bodyAsString(), allowsUpdate(ok));
        legs.add(outLeg);
        winnerLeg = outLeg;
        Address okContact = firstContact(ok);
        Address inContact = incomingInvite.contacts().isEmpty() ? null : incomingInvite.contacts().get(0);
        group = isFocus(role == Role.ORIGINATING ? okContact : inContact);
        MsrpMedia outPeer;
        try {
            String section = Sdp.parse(ok.bodyAsString()).msrpSection();
            if (section == null) {
                throw new IllegalArgumentException("no MSRP media in the answer");
            }
            outPeer = MsrpMedia.parse(section);
        } catch (RuntimeException e) {
            log.warn("CPM session {}: the 2xx from {} has no usable MSRP answer ({}); session ended", id,
                    tx.target(), e.getMessage());
            sendOutAck();
            port.sendBye(outLeg, "SIP;cause=488;text=\"Bad SDP answer\"", null, null);
            respondIncoming(incomingInvite.createResponse(488, "Bad SDP answer from peer").toBuilder()
                    .set(HeaderNames.TO, incomingInvite.to().withTag(inTag)).build());
            end("bad SDP answer");
            return;
        }
        // RFC 6135: we offered actpass on the outgoing leg; the answer decides who connects there.
        boolean outWeConnect = SdpSetup.offererRole(outPeer.setup()) == org.opencpm.msrp.SetupRole.ACTIVE;
        SdpSetup inSetup = SdpSetup.answerFor(inPeerOffer.setup(), org.opencpm.msrp.SetupRole.PASSIVE);
        boolean inWeConnect = inSetup == SdpSetup.ACTIVE;
        MediaPlane.LegMedia inMedia = new MediaPlane.LegMedia(inLocal, inPeerOffer, inWeConnect, inPeerOffer.acceptTypes());
        MediaPlane.LegMedia outMedia = new MediaPlane.LegMedia(outLocal, outPeer, outWeConnect, outPeer.acceptTypes());
        org.opencpm.server.pf.media.MessageInspector inspector = inspectors.apply(this);
        relay = role.clientIsIncoming()
                ? pf.media().join(id, inMedia, outMedia, this::onLegLost, inspector)
                : pf.media().join(id, outMedia, inMedia, this::onLegLost, inspector);
        MsrpMedia ours = new MsrpMedia(inLocal.effectivePort(), inLocal.secure(), List.of(inLocal),
                outPeer.acceptTypes(), outPeer.acceptWrappedTypes(), inSetup, outPeer.maxSize());
        inAnswerSdp = Sdp.parse(ok.bodyAsString()).derive(pf.media().address(), ours.toSdp(), System.identityHashCode(this));
        SipResponse.Builder answer = incomingInvite.createResponse(200).toBuilder()
                .set(HeaderNames.TO, incomingInvite.to().withTag(inTag))
                .set(HeaderNames.CONTACT, ownContact(inviteTx.flow().transport(), okContact))
                .set(HeaderNames.SERVER, pf.serverToken())
                .set(HeaderNames.ALLOW, "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, MESSAGE")
                .body("application/sdp", inAnswerSdp);
        SessionTimerPolicy.Negotiated inTimer = timers.answer(incomingInvite, answer);
        SipResponse built = answer.build();
        inLeg = new Leg(role == Role.ORIGINATING ? LegKind.CLIENT : LegKind.NETWORK, Dialog.asUas(incomingInvite, built),
                role.clientIsIncoming() ? MediaPlane.Side.CLIENT : MediaPlane.Side.NETWORK,
                incomingInvite.cseq().sequence(), inAnswerSdp, allowsUpdate(incomingInvite));
        legs.add(0, inLeg);
        transitionTo(State.WAITING_ACK, "2xx from " + tx.target());
        inviteTx.respond(built);
        ackTimer = pf.scheduler().schedule(ACK_WAIT, this::ackTimeout);
        arm(inLeg, inTimer);
        arm(outLeg, timers.fromAnswer(ok));
        // PF-O-INV-18/19, PF-T-INV-19: record the session when the preferences allow it
        if (pf.users().preferencesOf(servedUser.toString()).allowOfflineStorage()) {
            pf.history().sessionStarted(servedUser, conversationId, contributionId, role == Role.ORIGINATING);
        }
        log.info("CPM session {} ({} for {}) established via {}", id, role, servedUser, tx.target());
    }

    private static boolean isFocus(Address contact) {
        return contact != null && (contact.params().has("isfocus")
                || contact.sipUri() != null && contact.sipUri().hasParam("isfocus"));
    }

    private Address firstContact(SipResponse r) {
        List<Address> c = r.contacts();
        return c.isEmpty() ? null : c.get(0);
    }

    /**
     * Our Contact on a leg (AMB-10): the PF's own URI, carrying the feature parameters of the Contact
     * it stands in for (feature tags, isfocus) but none that identify a device.
     */
    Address ownContact(Transport transport, Address template) {
        var sentBy = pf.transport().sentBy(transport);
        SipUri uri = SipUri.parse("sip:pf-" + id + "@" + sentBy.host() + ":" + sentBy.port() + ";transport="
                + transport.name().toLowerCase(java.util.Locale.ROOT));
        Parameters params = Parameters.EMPTY;
        if (template != null) {
            for (Parameters.Param p : template.params().asList()) {
                String n = p.name().toLowerCase(java.util.Locale.ROOT);
                if (!n.equals("+sip.instance") && !n.equals("reg-id") && !n.equals("pub-gruu") && !n.equals("temp-gruu")
                        && !n.equals("expires") && !n.equals("q")) {
                    params = params.with(p.name(), p.rawValue());
                }
            }
            if (template.sipUri() != null && template.sipUri().hasParam("isfocus")) {
                uri = uri.withParam("isfocus", null);
            }
        }
        return Address.of(null, uri, params);
    }

    private void ackAndBye(ClientTransaction tx, SipResponse ok) {
        // AMB-42: a later 2xx from another fork is acknowledged and released at once.
        Dialog extra = Dialog.asUac(tx.request(), ok);
        send(extra.createAck(tx.request().cseq().sequence()), true, null);
        Leg leg = new Leg(LegKind.CLIENT, extra, null, tx.request().cseq().sequence(), null, false);
        port.sendBye(leg, "SIP;cause=200;text=\"Call completed elsewhere\"", null, null);
    }

    /** AMB-42 with multi-device direct delivery: a later client 2xx becomes one more client leg (AMB-15). */
    private void keepExtraLeg(ClientTransaction tx, SipResponse ok) {
        Dialog extra = Dialog.asUac(tx.request(), ok);
        send(extra.createAck(tx.request().cseq().sequence()), true, null);
        // the relay joins one client leg; an additional leg is a signalling leg until the media plane fans out
        Leg leg = new Leg(LegKind.CLIENT, extra, null, tx.request().cseq().sequence(), tx.request().bodyAsString(),
                allowsUpdate(ok));
        legs.add(leg);
        arm(leg, timers.fromAnswer(ok));
        log.info("CPM session {}: additional client leg {} kept (AMB-42)", id, extra.id());
    }

    private Leg keptLeg(ClientTransaction tx, SipResponse ok) {
        for (Leg l : legs) {
            if (l != inLeg && l.dialog().id().remoteTag().equals(ok.to().tag()) && l.dialog().id().callId().equals(ok.callId())) {
                return l;
            }
        }
        return null;
    }

    private void ackTimeout() {
        if (state != State.WAITING_ACK) {
            return;
        }
        log.warn("CPM session {} ({} for {}): no ACK within {} s; both dialogs ended (AMB-41)", id, role, servedUser,
                ACK_WAIT.toSeconds());
        sendOutAck();
        transitionTo(State.ENDING, "no ACK");
        for (Leg leg : List.copyOf(legs)) {
            port.sendBye(leg, null, null, null);
        }
        releaseAll();
        end("no ACK");
    }

    // ------------------------------------------------------------------ requests within the session

    /** The ACK for our 2xx on the incoming side: regenerate it on the outgoing dialog (AMB-41). */
    public void onAck(Inbound inbound) {
        SipRequest ack = (SipRequest) inbound.message();
        if (!isIncomingLeg(ack) || state != State.WAITING_ACK) {
            return; // a retransmitted ACK, one for a refresh, or one for the outgoing leg: nothing to carry across
        }
        ackTimer.cancel();
        transitionTo(State.ESTABLISHED, "ACK");
        sendOutAck();
    }

    private void sendOutAck() {
        if (winner != null && winnerLeg != null) {
            send(winnerLeg.dialog().createAck(winner.request().cseq().sequence()), true, null);
        }
    }

    /** The incoming INVITE was cancelled (RFC 3261 §9.2): cancel every branch; the INVITE is answered 487. */
    public void onCancel() {
        if (state != State.INVITING) {
            return;
        }
        abandonSetup("SIP;cause=487;text=\"Request cancelled\"");
    }

    private void abandonSetup(String reason) {
        setupAbandoned = true;
        for (ClientTransaction ct : branches) {
            if (!ct.isTerminated()) {
                ct.cancel(reason);
            }
        }
        respondIncoming(incomingInvite.createResponse(487).toBuilder()
                .set(HeaderNames.TO, incomingInvite.to().withTag(inTag)).build());
        if (pending == 0) {
            end("cancelled");
        }
    }

    /** A request inside one of the session's dialogs. */
    public void onRequest(ServerTransaction tx, SipRequest request) {
        Leg leg = legOf(request, legs);
        if (leg == null) {
            if (state == State.INVITING && request.isMethod(SipRequest.BYE) && isIncomingLeg(request)) {
                // RFC 3261 §15: the caller may end an early dialog with BYE; the INVITE gets 487
                tx.respond(request.createResponse(200));
                log.info("CPM session {}: BYE from the caller during setup; branches cancelled", id);
                abandonSetup("SIP;cause=487;text=\"Request cancelled\"");
            } else if (request.isMethod(SipRequest.BYE) && legOf(request, endedLegs) != null) {
                tx.respond(request.createResponse(200)); // BYE glare: that dialog is already being ended
            } else {
                tx.respond(request.createResponse(481, "Call/Transaction Does Not Exist"));
            }
            return;
        }
        Dialog dialog = leg.dialog();
        if (dialog.isOutOfOrder(request)) {
            tx.respond(request.createResponse(500, "CSeq out of order"));
            return;
        }
        dialog.onRequest(request);
        switch (request.method()) {
            case SipRequest.BYE -> onBye(tx, request, leg);
            case SipRequest.INVITE, SipRequest.UPDATE -> onRefresh(tx, request, leg);
            case SipRequest.OPTIONS -> tx.respond(request.createResponse(200));
            default -> tx.respond(request.createResponse(501, request.method() + " not supported in a CPM session"));
        }
    }

    private Leg legOf(SipRequest request, List<Leg> among) {
        if (isIncomingLeg(request)) {
            return inLeg != null && among.contains(inLeg) ? inLeg : null;
        }
        if (!request.callId().equals(outCallId) || !outTag.equals(request.to().tag())) {
            return null;
        }
        for (Leg l : among) {
            if (l != inLeg && l.dialog().id().remoteTag().equals(request.from().tag())) {
                return l;
            }
        }
        return null;
    }

    /**
     * RFC 4028 on the PF's side as UAS: a re-INVITE or UPDATE on a leg is a session refresh (a re-offer
     * keeps the media as negotiated); a Session-Expires below Min-SE gets 422, otherwise the 2xx carries
     * the negotiated timer and that leg's timer starts again.
     */
    private void onRefresh(ServerTransaction tx, SipRequest request, Leg leg) {
        SipResponse tooSmall = timers.tooSmall(request);
        if (tooSmall != null) {
            tx.respond(tooSmall);
            return;
        }
        SipResponse.Builder ok = request.createResponse(200).toBuilder()
                .set(HeaderNames.CONTACT, ownContact(tx.flow().transport(), null));
        if (request.isMethod(SipRequest.INVITE) && leg.localSdp() != null) {
            ok.body("application/sdp", leg.localSdp());
        }
        SessionTimerPolicy.Negotiated n = timers.answer(request, ok);
        tx.respond(ok.build());
        if (state != State.ENDING && state != State.ENDED) {
            arm(leg, n);
        }
    }

    /** §8.2.2.3 / §8.3.2.3 (B2BUA): the shared BYE handler decides and runs the steps (RD-11, RD-13). */
    private void onBye(ServerTransaction tx, SipRequest bye, Leg sender) {
        if (state == State.ENDING || state == State.ENDED) {
            tx.respond(bye.createResponse(200));
            return;
        }
        State before = state;
        if (sender == inLeg) {
            ackTimer.cancel();
        }
        transitionTo(State.ENDING, "BYE on " + sender);
        ByeOutcome o = new ByeHandler(pf.config()).onBye(port, sender, tx, bye);
        if (o instanceof ByeOutcome.LeaveOneDevice && state == State.ENDING) {
            transitionTo(before, "only that device left (PF-O-BYE-10)");
        }
    }

    // ------------------------------------------------------------------ session timers (RFC 4028)

    private void arm(Leg leg, SessionTimerPolicy.Negotiated n) {
        if (n == null) {
            leg.stopTimer();
            return;
        }
        Runnable task = n.pfRefreshes() ? () -> refresh(leg) : () -> onSessionTimerExpired(leg);
        leg.arm(n.interval(), n.pfRefreshes(), pf.scheduler().schedule(n.pfRefreshes() ? n.refreshIn() : n.expiresIn(), task));
    }

    /** The PF is the refresher on {@code leg}: UPDATE if the peer allows it, else a re-INVITE with our SDP. */
    private void refresh(Leg leg) {
        if (!legs.contains(leg) || state == State.ENDING || state == State.ENDED) {
            return;
        }
        boolean update = leg.peerAllowsUpdate() || leg.localSdp() == null;
        DialogRequest dr = leg.dialog().createRequest(update ? SipRequest.UPDATE : SipRequest.INVITE);
        SipRequest.Builder b = dr.request().toBuilder();
        timers.offer(b, leg.sessionInterval(), SessionTimerPolicy.MIN_SE, true);
        if (!update) {
            b.body("application/sdp", leg.localSdp());
        }
        SipRequest req = b.build();
        long interval = leg.sessionInterval();
        sendInDialog(new DialogRequest(req, dr.nextHop()), r -> {
            if (r != null) {
                leg.dialog().onResponse(req, r);
            }
            if (r != null && r.isSuccess()) {
                if (!update) {
                    send(leg.dialog().createAck(req.cseq().sequence()), true, null);
                }
                SessionTimerPolicy.Negotiated n = timers.fromAnswer(r);
                arm(leg, n != null ? n : new SessionTimerPolicy.Negotiated(interval, true));
            } else if (r == null || r.status() == 481 || r.status() == 408) {
                onSessionTimerExpired(leg); // RFC 4028 §10: the refresh failed, the session is over
            } else {
                // another failure: the session lasts until the interval runs out
                leg.arm(interval, false, pf.scheduler().schedule(
                        new SessionTimerPolicy.Negotiated(interval, false).expiresIn().minus(
                                Duration.ofSeconds(interval).dividedBy(2)), () -> onSessionTimerExpired(leg)));
            }
        });
    }

    /** §8.2.2.4 / §8.3.2.4: the session timer of a leg ran out (or its refresh failed). */
    private void onSessionTimerExpired(Leg leg) {
        if (state == State.ENDING || state == State.ENDED || state == State.INVITING) {
            return;
        }
        log.info("CPM session {} ({} for {}): session timer expired on {}", id, role, servedUser, leg);
        ackTimer.cancel();
        transitionTo(State.ENDING, "session timer expired");
        if (role == Role.ORIGINATING) {
            new OriginatingTimerExpiry(port, null).run();
        } else {
            new TerminatingTimerExpiry(port, null).run();
        }
    }

    private void onLegLost(MediaPlane.Side side, String cause) {
        if (state == State.ENDING || state == State.ENDED || state == State.REMAINING && side == MediaPlane.Side.CLIENT) {
            return;
        }
        // AMB-01: the leg's client SIP dialog is released (best effort); a 1-1 session ends (AMB-16).
        log.info("CPM session {} ({} for {}): MSRP {} leg lost ({}); session ended", id, role, servedUser, side, cause);
        transitionTo(State.ENDING, "MSRP " + side + " leg lost");
        ackTimer.cancel();
        for (Leg leg : List.copyOf(legs)) {
            port.sendBye(leg, "SIP;cause=503;text=\"MSRP connection lost\"", null, null);
        }
        releaseAll();
        end("media lost");
    }

    // ------------------------------------------------------------------ what the procedures act on

    /** The session as the BYE and timer procedures see it. */
    private final class Port implements ByeSession {
        @Override
        public String id() {
            return id;
        }

        @Override
        public boolean originating() {
            return role == Role.ORIGINATING;
        }

        @Override
        public boolean isGroup() {
            return group;
        }

        @Override
        public UserPreferences preferences() {
            return pf.users().preferencesOf(servedUser.toString());
        }

        @Override
        public List<Leg> legs() {
            return List.copyOf(legs);
        }

        @Override
        public void releaseMedia(Leg leg) {
            if (relay != null && leg.mediaSide() != null) {
                relay.releaseLeg(leg.mediaSide());
            }
        }

        @Override
        public void releaseAllMedia() {
            releaseAll();
        }

        @Override
        public void dropLeg(Leg leg) {
            leg.stopTimer();
            leg.dialog().terminate();
            if (legs.remove(leg)) {
                endedLegs.add(leg);
            }
        }

        @Override
        public void sendBye(Leg leg, String reason, String messageUid, Consumer<SipResponse> done) {
            Dialog dialog = leg.dialog();
            DialogRequest dr = dialog.state().mayCreateRequests() ? dialog.createRequest(SipRequest.BYE) : null;
            dropLeg(leg);
            if (dr == null) {
                if (done != null) {
                    done.accept(null);
                }
                return;
            }
            SipRequest.Builder b = dr.request().toBuilder();
            if (reason != null) {
                b.set(HeaderNames.REASON, reason);
            }
            if (messageUid != null) {
                b.set(HeaderNames.MESSAGE_UID, messageUid);
            }
            sendInDialog(new DialogRequest(b.build(), dr.nextHop()), done);
        }

        @Override
        public void reInviteWithoutStreamsOf(Leg towards, Leg closedIwf, Consumer<SipResponse> done) {
            DialogRequest dr = towards.dialog().createRequest(SipRequest.INVITE);
            String sdp = towards.localSdp() == null ? "" : towards.localSdp().replaceAll("(?m)^m=(\\S+) \\d+ ", "m=$1 0 ");
            SipRequest req = dr.request().toBuilder().body("application/sdp", sdp).build();
            sendInDialog(new DialogRequest(req, dr.nextHop()), r -> {
                if (r != null && r.isSuccess()) {
                    send(towards.dialog().createAck(req.cseq().sequence()), true, null);
                }
                if (done != null) {
                    done.accept(r);
                }
            });
        }

        @Override
        public void answer(ServerTransaction tx, SipRequest bye, String messageUid) {
            if (tx.isTerminated()) {
                return;
            }
            SipResponse r = bye.createResponse(200);
            tx.respond(messageUid == null ? r : r.toBuilder().set(HeaderNames.MESSAGE_UID, messageUid).build());
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            Cancellable c = pf.scheduler().schedule(delay, task);
            pendingTasks.add(c);
            return c;
        }

        @Override
        public String recordSession(String why) {
            return pf.history().sessionEnded(servedUser, conversationId, contributionId, why);
        }

        @Override
        public String storeGroupState(boolean setGroupStateObjectId) {
            return pf.history().groupStateStored(servedUser, conversationId, contributionId, setGroupStateObjectId);
        }

        @Override
        public String sessionInfoUid() {
            return pf.history().sessionInfoUid(servedUser, conversationId, contributionId);
        }

        @Override
        public void remainInGroup(boolean intercept) {
            transitionTo(State.REMAINING, "client connection lost (PF-O-BYE-25)");
            intercepting = intercept;
            // PF-O-BYE-26: the participant-information SUBSCRIBE (§8.2.2.6) belongs to the group-session procedures
            log.info("CPM session {} ({} for {}): client connection lost; the PF remains in the group session{}", id,
                    role, servedUser, intercept ? " and intercepts its messages" : "");
        }

        @Override
        public void end(String why) {
            CpmSession.this.end(why);
        }
    }

    // ------------------------------------------------------------------ helpers

    private boolean isIncomingLeg(SipRequest request) {
        return request.callId().equals(incomingInvite.callId()) && inTag.equals(request.to().tag());
    }

    /** Sends an in-dialog request; {@code done} gets the final response, or null on failure or no route. */
    private void sendInDialog(DialogRequest dr, Consumer<SipResponse> done) {
        send(dr, false, done);
    }

    private void send(DialogRequest dr, boolean ack, Consumer<SipResponse> done) {
        NextHop hop = dr.nextHop() instanceof SipUri s ? pf.routing().direct(s) : null;
        if (hop == null) {
            log.warn("CPM session {}: no route to {} for {}", id, dr.nextHop(), dr.request().method());
            if (done != null) {
                done.accept(null);
            }
            return;
        }
        if (ack) {
            if (hop.usableFlow() != null) {
                pf.sender().sendAck(dr.request(), hop.usableFlow());
            } else {
                pf.sender().sendAck(dr.request(), hop.target());
            }
            return;
        }
        ClientTransactionListener l = new ClientTransactionListener() {
            @Override
            public void onFinalResponse(ClientTransaction tx, SipResponse response) {
                if (done != null) {
                    done.accept(response);
                }
            }

            @Override
            public void onFailure(ClientTransaction tx, TransactionFailure failure) {
                if (done != null) {
                    done.accept(null);
                }
            }
        };
        if (hop.usableFlow() != null) {
            pf.sender().sendRequest(dr.request(), hop.usableFlow(), l);
        } else {
            pf.sender().sendRequest(dr.request(), hop.target(), l);
        }
    }

    private void respondIncoming(SipResponse r) {
        if (!inviteTx.isTerminated()) {
            inviteTx.respond(r.toBuilder().set(HeaderNames.SERVER, pf.serverToken()).build());
        }
    }

    private void releaseAll() {
        if (relay != null) {
            relay.release();
            relay = null;
        }
    }

    /** Frees everything the session holds: timers (ACK, session timers, guards), the relay, the table entries. */
    private void end(String why) {
        if (state == State.ENDED) {
            return;
        }
        transitionTo(State.ENDED, why);
        ackTimer.cancel();
        for (Leg leg : legs) {
            leg.stopTimer();
        }
        for (Cancellable c : pendingTasks) {
            c.cancel();
        }
        pendingTasks.clear();
        legs.clear();
        endedLegs.clear();
        releaseAll();
        table.unregister(outCallId, outTag);
        table.unregister(incomingInvite.callId(), inTag);
        table.removed(this);
        log.debug("CPM session {} ended: {}", id, why);
    }

    /**
     * The only place the state changes: logged with its cause. Nothing leaves ENDED; the one move back is
     * ENDING → the state before it when a BYE only removed one device (PF-O-BYE-10).
     */
    private void transitionTo(State next, String cause) {
        if (state == State.ENDED) {
            throw new IllegalStateException("CPM session " + id + " is ENDED; cannot move to " + next + " (" + cause + ")");
        }
        log.debug("CPM session {}: {} -> {} ({})", id, state, next, cause);
        state = next;
    }

    static Uri requestUri(SipRequest r) {
        return r.requestUri();
    }
}
