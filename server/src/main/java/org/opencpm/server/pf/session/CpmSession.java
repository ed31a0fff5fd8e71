package org.opencpm.server.pf.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.opencpm.common.time.Cancellable;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.sdp.MsrpMedia;
import org.opencpm.msrp.sdp.SdpSetup;
import org.opencpm.server.edge.NextHop;
import org.opencpm.server.edge.Tags;
import org.opencpm.server.pf.PfServices;
import org.opencpm.server.pf.media.MediaPlane;
import org.opencpm.server.pf.media.Sdp;
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
 * outgoing dialog (with one client transaction per forked branch until the first 2xx), and the MSRP
 * relay that joins the two media legs.
 *
 * <p>Lifecycle:
 * <ol>
 * <li>INVITING: the outgoing INVITE is out (PF-O-INV-05…09, PF-T-INV-08…14); 1xx are relayed.</li>
 * <li>WAITING_ACK: the first 2xx arrived; the relay is joined and the incoming INVITE answered with a
 *     2xx of our own (PF-O-INV-16/17, PF-T-INV-18); other forks' 2xx are ACKed and BYEd (AMB-42).</li>
 * <li>ESTABLISHED: the client's ACK arrived and was regenerated on the other dialog (PF-O-INV-22,
 *     PF-T-INV-23, AMB-41: no ACK within 32 s ends both dialogs).</li>
 * <li>ENDING: a BYE is being carried across (§8.2.2.3, §8.3.2.3): the sender's media leg is released
 *     at once, the other side is asked, the sender answered on the other side's answer, all media
 *     released last (RD-01, RD-11).</li>
 * <li>ENDED: both dialogs gone, the session removed from the table.</li>
 * </ol>
 * All methods run on the SIP owner thread.
 */
public final class CpmSession {

    private static final Logger log = LoggerFactory.getLogger(CpmSession.class);

    /** AMB-41: how long the PF waits for the client's ACK before it ends both dialogs. */
    static final Duration ACK_WAIT = Duration.ofSeconds(32);

    enum State { INVITING, WAITING_ACK, ESTABLISHED, ENDING, ENDED }

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
    private final MsrpUri inLocal;
    private final MsrpUri outLocal;
    private final MsrpMedia inPeerOffer;
    private final String conversationId;
    private final String contributionId;
    private SipRequest outgoingInvite;
    private Dialog inDialog;
    private Dialog outDialog;
    private ClientTransaction winner;
    private MediaPlane.Relay relay;
    private Cancellable ackTimer = Cancellable.NONE;
    private SipResponse bestFailure;
    private int pending;
    private String inAnswerSdp;
    private State state = State.INVITING;

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

    String outTag() {
        return outTag;
    }

    String outCallId() {
        return outCallId;
    }

    MsrpUri outLocal() {
        return outLocal;
    }

    /** Sends the outgoing INVITE on each branch (step 4/7 of the invitation procedures). */
    void start(Outgoing outgoing) {
        this.outgoingInvite = outgoing.invite();
        table.register(outCallId, outTag, this);
        table.registerInvite(inviteTx, this);
        for (NextHop hop : outgoing.branches()) {
            SipRequest.Builder b = outgoing.invite().toBuilder();
            if (hop.contactUri() != null) {
                b.requestUri(hop.contactUri());
            }
            SipRequest branch = b.build();
            pending++;
            ClientTransaction ct = hop.usableFlow() != null ? pf.sender().sendRequest(branch, hop.usableFlow(), outListener)
                    : pf.sender().sendRequest(branch, hop.target(), outListener);
            branches.add(ct);
        }
        log.debug("CPM session {} ({} for {}): INVITE sent on {} branch(es)", id, role, servedUser, branches.size());
    }

    // ------------------------------------------------------------------ responses on the outgoing side

    private final ClientTransactionListener outListener = new ClientTransactionListener() {
        @Override
        public void onProvisionalResponse(ClientTransaction tx, SipResponse response) {
            if (state == State.INVITING && response.status() > 100 && !inviteTx.isCancelled()) {
                respondIncoming(incomingInvite.createResponse(response.status(), response.reason()).toBuilder()
                        .set(HeaderNames.TO, incomingInvite.to().withTag(inTag)).build());
            }
        }

        @Override
        public void onFinalResponse(ClientTransaction tx, SipResponse response) {
            pending--;
            if (response.isSuccess()) {
                if (winner == null && state == State.INVITING && !inviteTx.isCancelled()) {
                    winner = tx;
                    answered(tx, response);
                    for (ClientTransaction other : branches) {
                        if (other != tx && !other.isTerminated()) {
                            other.cancel("SIP;cause=200;text=\"Call completed elsewhere\"");
                        }
                    }
                } else {
                    ackAndBye(tx, response);
                }
                return;
            }
            consider(response);
            failIfAllDone();
        }

        @Override
        public void on2xxRetransmission(ClientTransaction tx, SipResponse response) {
            if (tx == winner && outDialog != null && state != State.WAITING_ACK) {
                sendOutAck(); // our ACK was lost: RFC 3261 §13.2.2.4, ACK every 2xx retransmission
            } else if (tx != winner) {
                ackAndBye(tx, response);
            }
        }

        @Override
        public void onFailure(ClientTransaction tx, TransactionFailure failure) {
            pending--;
            consider(outgoingInvite.createResponse(failure.asStatus()));
            failIfAllDone();
        }
    };

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
        if (inviteTx.isCancelled()) {
            end("cancelled");
            return;
        }
        SipResponse best = bestFailure == null ? outgoingInvite.createResponse(480) : bestFailure;
        int status = best.status() == 503 ? 500 : best.status();
        SipResponse.Builder r = incomingInvite.createResponse(status, best.reason()).toBuilder()
                .set(HeaderNames.TO, incomingInvite.to().withTag(inTag));
        for (String h : new String[] {HeaderNames.WARNING, HeaderNames.RETRY_AFTER, HeaderNames.REASON}) {
            if (best.header(h) != null) {
                r.set(h, best.header(h));
            }
        }
        log.info("CPM session {} ({} for {}): invitation failed with {} {}", id, role, servedUser, status, best.reason());
        respondIncoming(r.build());
        end("invitation failed " + status);
    }

    /** The first 2xx: join the media, answer the incoming INVITE (PF-O-INV-16/17, PF-T-INV-18). */
    private void answered(ClientTransaction tx, SipResponse ok) {
        outDialog = Dialog.asUac(tx.request(), ok);
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
            sendBye(outDialog, null, "SIP;cause=488;text=\"Bad SDP answer\"");
            respondIncoming(incomingInvite.createResponse(488, "Bad SDP answer from peer").toBuilder()
                    .set(HeaderNames.TO, incomingInvite.to().withTag(inTag)).build());
            end("bad SDP answer");
            return;
        }
        // RFC 6135: we offered actpass on the outgoing leg; the answer decides who connects there.
        boolean outWeConnect = SdpSetup.offererRole(outPeer.setup()) == org.opencpm.msrp.SetupRole.ACTIVE;
        SdpSetup inSetup = SdpSetup.answerFor(inPeerOffer.setup(), org.opencpm.msrp.SetupRole.PASSIVE);
        boolean inWeConnect = inSetup == SdpSetup.ACTIVE;
        MediaPlane.LegMedia inLeg = new MediaPlane.LegMedia(inLocal, inPeerOffer, inWeConnect, inPeerOffer.acceptTypes());
        MediaPlane.LegMedia outLeg = new MediaPlane.LegMedia(outLocal, outPeer, outWeConnect, outPeer.acceptTypes());
        relay = role.clientIsIncoming()
                ? pf.media().join(id, inLeg, outLeg, this::onLegLost)
                : pf.media().join(id, outLeg, inLeg, this::onLegLost);
        MsrpMedia ours = new MsrpMedia(inLocal.effectivePort(), inLocal.secure(), List.of(inLocal),
                outPeer.acceptTypes(), outPeer.acceptWrappedTypes(), inSetup, outPeer.maxSize());
        inAnswerSdp = Sdp.parse(ok.bodyAsString()).derive(pf.media().address(), ours.toSdp(), System.identityHashCode(this));
        SipResponse answer = incomingInvite.createResponse(200).toBuilder()
                .set(HeaderNames.TO, incomingInvite.to().withTag(inTag))
                .set(HeaderNames.CONTACT, ownContact(inviteTx.flow().transport(), firstContact(ok)))
                .set(HeaderNames.SERVER, pf.serverToken())
                .set(HeaderNames.ALLOW, "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, MESSAGE")
                .body("application/sdp", inAnswerSdp)
                .build();
        inDialog = Dialog.asUas(incomingInvite, answer);
        table.register(incomingInvite.callId(), inTag, this);
        state = State.WAITING_ACK;
        inviteTx.respond(answer);
        ackTimer = pf.scheduler().schedule(ACK_WAIT, this::ackTimeout);
        // PF-O-INV-18/19, PF-T-INV-19: record the session when the preferences allow it
        if (pf.users().preferencesOf(servedUser.toString()).allowOfflineStorage()) {
            pf.history().sessionStarted(servedUser, conversationId, contributionId, role == Role.ORIGINATING);
        }
        log.info("CPM session {} ({} for {}) established via {}", id, role, servedUser, tx.target());
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
        DialogRequest ack = extra.createAck(tx.request().cseq().sequence());
        send(ack, true, null);
        sendBye(extra, null, "SIP;cause=200;text=\"Call completed elsewhere\"");
    }

    private void ackTimeout() {
        if (state != State.WAITING_ACK) {
            return;
        }
        log.warn("CPM session {} ({} for {}): no ACK within {} s; both dialogs ended (AMB-41)", id, role, servedUser,
                ACK_WAIT.toSeconds());
        sendOutAck();
        sendBye(outDialog, null, null);
        sendBye(inDialog, null, null);
        releaseAll();
        end("no ACK");
    }

    // ------------------------------------------------------------------ requests within the session

    /** The ACK for our 2xx on the incoming side: regenerate it on the outgoing dialog (AMB-41). */
    public void onAck(Inbound inbound) {
        SipRequest ack = (SipRequest) inbound.message();
        if (!isIncomingLeg(ack) || state != State.WAITING_ACK) {
            return; // a retransmitted ACK, or one for the outgoing leg: nothing to carry across
        }
        ackTimer.cancel();
        state = State.ESTABLISHED;
        sendOutAck();
    }

    private void sendOutAck() {
        if (outDialog != null) {
            send(outDialog.createAck(outgoingInvite.cseq().sequence()), true, null);
        }
    }

    /** The incoming INVITE was cancelled (RFC 3261 §9.2): cancel every branch; the INVITE is answered 487. */
    public void onCancel() {
        if (state != State.INVITING) {
            return;
        }
        for (ClientTransaction ct : branches) {
            if (!ct.isTerminated()) {
                ct.cancel("SIP;cause=487;text=\"Request cancelled\"");
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
        boolean incoming = isIncomingLeg(request);
        Dialog dialog = incoming ? inDialog : outDialog;
        if (dialog == null) {
            tx.respond(request.createResponse(481, "Dialog not established"));
            return;
        }
        if (dialog.isOutOfOrder(request)) {
            tx.respond(request.createResponse(500, "CSeq out of order"));
            return;
        }
        dialog.onRequest(request);
        switch (request.method()) {
            case SipRequest.BYE -> onBye(tx, request, incoming);
            case SipRequest.INVITE, SipRequest.UPDATE -> answerRefresh(tx, request, incoming);
            case SipRequest.OPTIONS -> tx.respond(request.createResponse(200));
            default -> tx.respond(request.createResponse(501, request.method() + " not supported in a CPM session"));
        }
    }

    private void answerRefresh(ServerTransaction tx, SipRequest request, boolean incoming) {
        // A session refresh (RFC 4028) or a re-offer: the PF keeps the media as negotiated.
        SipResponse.Builder ok = request.createResponse(200).toBuilder()
                .set(HeaderNames.CONTACT, ownContact(tx.flow().transport(), null));
        if (request.isMethod(SipRequest.INVITE) && incoming && inAnswerSdp != null) {
            ok.body("application/sdp", inAnswerSdp);
        }
        tx.respond(ok.build());
    }

    /**
     * §8.2.2.3 / §8.3.2.3 for a 1-1 session (CPM21): the leg of the BYE's sender is released at once
     * (PF-O-BYE-08), the other side gets a BYE with the received Reason copied (AMB-06), the sender's
     * BYE is answered when the other side answers (PF-O-BYE-13, PF-O-BYE-19), storage happens before that
     * answer (PF-O-BYE-14/17), and all media is released last (PF-O-BYE-15/20).
     */
    private void onBye(ServerTransaction tx, SipRequest bye, boolean fromIncoming) {
        if (state == State.ENDING || state == State.ENDED) {
            tx.respond(bye.createResponse(200));
            return;
        }
        ackTimer.cancel();
        state = State.ENDING;
        boolean fromClient = fromIncoming == role.clientIsIncoming();
        if (relay != null) {
            relay.releaseLeg(fromClient ? MediaPlane.Side.CLIENT : MediaPlane.Side.NETWORK);
        }
        Dialog other = fromIncoming ? outDialog : inDialog;
        (fromIncoming ? inDialog : outDialog).terminate();
        String reason = bye.header(HeaderNames.REASON);
        sendBye(other, final2xx -> {
            if (pf.users().preferencesOf(servedUser.toString()).allowOfflineStorage()) {
                pf.history().sessionEnded(servedUser, conversationId, contributionId,
                        fromClient ? "client left" : "peer left");
            }
            tx.respond(bye.createResponse(200));
            releaseAll();
            end("BYE from " + (fromClient ? "client" : "network"));
        }, reason);
    }

    private void onLegLost(MediaPlane.Side side, String cause) {
        if (state == State.ENDING || state == State.ENDED) {
            return;
        }
        // AMB-01: the leg's client SIP dialog is released (best effort); a 1-1 session ends (AMB-16).
        log.info("CPM session {} ({} for {}): MSRP {} leg lost ({}); session ended", id, role, servedUser, side, cause);
        state = State.ENDING;
        ackTimer.cancel();
        String reason = "SIP;cause=503;text=\"MSRP connection lost\"";
        sendBye(inDialog, null, reason);
        sendBye(outDialog, null, reason);
        releaseAll();
        end("media lost");
    }

    // ------------------------------------------------------------------ helpers

    private boolean isIncomingLeg(SipRequest request) {
        return request.callId().equals(incomingInvite.callId()) && inTag.equals(request.to().tag());
    }

    private interface Done {
        void run(SipResponse finalResponse);
    }

    private void sendBye(Dialog dialog, Done done, String reason) {
        if (dialog == null || !dialog.state().mayCreateRequests()) {
            if (done != null) {
                done.run(null);
            }
            return;
        }
        DialogRequest dr = dialog.createRequest(SipRequest.BYE);
        SipRequest bye = reason == null ? dr.request()
                : dr.request().toBuilder().set(HeaderNames.REASON, reason).build();
        dialog.terminate();
        send(new DialogRequest(bye, dr.nextHop()), false, done);
    }

    private void send(DialogRequest dr, boolean ack, Done done) {
        NextHop hop = dr.nextHop() instanceof SipUri s ? pf.routing().direct(s) : null;
        if (hop == null) {
            log.warn("CPM session {}: no route to {} for {}", id, dr.nextHop(), dr.request().method());
            if (done != null) {
                done.run(null);
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
                    done.run(response);
                }
            }

            @Override
            public void onFailure(ClientTransaction tx, TransactionFailure failure) {
                if (done != null) {
                    done.run(null);
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

    private void end(String why) {
        if (state == State.ENDED) {
            return;
        }
        state = State.ENDED;
        ackTimer.cancel();
        releaseAll();
        table.unregister(outCallId, outTag);
        table.unregister(incomingInvite.callId(), inTag);
        table.removed(this);
        log.debug("CPM session {} ended: {}", id, why);
    }

    static Uri requestUri(SipRequest r) {
        return r.requestUri();
    }
}
