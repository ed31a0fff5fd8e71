package org.opencpm.client.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.opencpm.client.ChatSession;
import org.opencpm.client.CpmException;
import org.opencpm.common.time.Cancellable;
import org.opencpm.msrp.FailureReport;
import org.opencpm.msrp.IncomingMessage;
import org.opencpm.msrp.MsrpSession;
import org.opencpm.msrp.MsrpSessionEvent;
import org.opencpm.msrp.OutgoingMessage;
import org.opencpm.msrp.SetupRole;
import org.opencpm.msrp.cpim.CpimAddress;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.sdp.MsrpMedia;
import org.opencpm.msrp.sdp.MsrpSdpException;
import org.opencpm.msrp.sdp.SdpSetup;
import org.opencpm.sip.dialog.Dialog;
import org.opencpm.sip.dialog.DialogRequest;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SessionExpires;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transaction.ClientTransaction;
import org.opencpm.sip.transaction.ClientTransactionListener;
import org.opencpm.sip.transaction.ServerTransaction;
import org.opencpm.sip.transaction.SipTimers;
import org.opencpm.sip.transaction.TransactionFailure;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One 1-1 chat session: the INVITE dialog (RFC 3261 §13) and its MSRP session (RFC 4975), on the
 * client's event thread.
 *
 * <ol>
 * <li>Open as UAC ({@link #invite}): INVITE with the session ICSI, CPM identifiers, session timer
 *     and an SDP offer with {@code a=setup:active} (the RCS convention: the offerer connects);
 *     on 2xx ACK, read the answer and open the MSRP session in the role it gives us.</li>
 * <li>Or as UAS ({@link #accept}): answer the offer ({@code a=setup:passive} unless the offer
 *     leaves us no choice), open the MSRP session first so the peer's connection finds it, send
 *     200 and retransmit it until the ACK over UDP (§13.3.1.4).</li>
 * <li>Active: {@link #send} CPIM over MSRP; received CPIM goes to the client (delivery IMDN
 *     back over MSRP); re-INVITE and UPDATE refresh the session timer (RFC 4028); if we are the
 *     refresher we send UPDATE at half the interval.</li>
 * <li>End: BYE either way; ours carries {@code Reason: SIP;cause=200} when the user ends the
 *     session, {@code cause=503} when the MSRP connection was lost.</li>
 * </ol>
 */
final class RealChatSession implements ChatSession, ClientTransactionListener {

    private static final Logger log = LoggerFactory.getLogger(RealChatSession.class);

    /** The session interval asked for in the INVITE (RFC 4028; reference §4.1 example). */
    static final long SESSION_EXPIRES = 1800;
    /** How long after the MSRP connection is lost we wait for the peer's BYE before sending ours. */
    static final Duration MEDIA_LOSS_GRACE = Duration.ofSeconds(2);

    private final RealCpmClient client;
    private final String peer;
    private final boolean incoming;
    private final String conversationId;
    private final String contributionId;
    private final Map<String, PendingSend> sends = new HashMap<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile State state;
    private CompletableFuture<ChatSession> opened;
    private SipRequest invite;
    private String sdp;
    private MsrpMedia ours;
    private Dialog dialog;
    private MsrpSession msrp;
    private SipResponse ok;
    private boolean acked;
    private Cancellable okRetransmission;
    private Cancellable inviteTimeout;
    private final SessionTimer timer;

    private record PendingSend(String imdnId, CompletableFuture<String> done) {
    }

    RealChatSession(RealCpmClient client, String peer, boolean incoming, String conversationId, String contributionId) {
        this.client = client;
        this.peer = peer;
        this.incoming = incoming;
        this.conversationId = conversationId;
        this.contributionId = contributionId;
        this.timer = new SessionTimer(client.scheduler(), this::refresh, this::expired);
    }

    // ---------------------------------------------------------------- UAC

    void invite(SipUri peerUri, CompletableFuture<ChatSession> done) {
        this.opened = done;
        ours = ChatSdp.media(client.msrp().newLocalUri(), SdpSetup.ACTIVE);
        sdp = ChatSdp.body(client.config().localHost(), client.scheduler().clock().currentTimeMillis() / 1000, ours);
        invite = client.newRequest(SipRequest.INVITE, peerUri, Address.of(peerUri))
                .add(HeaderNames.CONTACT, client.sessionContact())
                .add(HeaderNames.ACCEPT_CONTACT, RealCpmClient.acceptContact(RealCpmClient.ICSI_SESSION))
                .add(HeaderNames.P_PREFERRED_SERVICE, RealCpmClient.ICSI_SESSION)
                .add(HeaderNames.CONVERSATION_ID, conversationId)
                .add(HeaderNames.CONTRIBUTION_ID, contributionId)
                .add(HeaderNames.ALLOW, RealCpmClient.ALLOW)
                .add(HeaderNames.SUPPORTED, "timer")
                .add(HeaderNames.SESSION_EXPIRES, SESSION_EXPIRES)
                .body(ChatSdp.CONTENT_TYPE, sdp)
                .build();
        client.events().inviteStart(peer, invite.callId());
        ClientTransaction tx = client.layer().sendRequest(invite, client.config().server(), this);
        // Timer B guards only the Calling state (RFC 3261 Figure 5): a UAC bounds the wait for the answer itself.
        inviteTimeout = client.scheduler().schedule(client.config().requestTimeout(),
                () -> tx.cancel("SIP;cause=487;text=\"No answer\""));
    }

    @Override
    public void onFinalResponse(ClientTransaction tx, SipResponse response) {
        inviteTimeout.cancel();
        client.events().inviteEnd(peer, invite.callId(), response.status());
        if (!response.isSuccess()) {
            opened.completeExceptionally(new CpmException(response.status(), response.reason()));
            return;
        }
        dialog = Dialog.asUac(invite, response);
        ack();
        MsrpMedia theirs;
        SetupRole role;
        try {
            theirs = ChatSdp.peerMedia(response.bodyAsString());
            role = SdpSetup.offererRole(theirs.setup());
        } catch (MsrpSdpException e) {
            log.info("answer from {} unusable: {}", peer, e.getMessage());
            sendBye("SIP;cause=488;text=\"" + e.getMessage().replace('"', '\'') + "\"");
            dialog.terminate();
            state = State.CLOSED;
            opened.completeExceptionally(new CpmException(488, "Not Acceptable Here: " + e.getMessage()));
            return;
        }
        timer.fromResponse(response, SessionExpires.Refresher.UAC);
        established(theirs, role);
        opened.complete(this);
    }

    @Override
    public void on2xxRetransmission(ClientTransaction tx, SipResponse response) {
        if (dialog != null && dialog.id().remoteTag().equals(response.to().tag())) {
            ack(); // §13.2.2.4: the ACK is resent for each 2xx retransmission
        }
    }

    @Override
    public void onFailure(ClientTransaction tx, TransactionFailure failure) {
        inviteTimeout.cancel();
        client.events().inviteEnd(peer, invite.callId(), failure.asStatus());
        opened.completeExceptionally(new CpmException(failure.asStatus(), SipResponse.reasonPhrase(failure.asStatus())));
    }

    private void ack() {
        DialogRequest ack = dialog.createAck(invite.cseq().sequence());
        client.layer().sendAck(ack.request(), targetOf(ack));
    }

    // ---------------------------------------------------------------- UAS

    void accept(ServerTransaction tx, SipRequest request) {
        MsrpMedia theirs;
        SdpSetup answer;
        try {
            theirs = ChatSdp.peerMedia(request.bodyAsString());
            answer = SdpSetup.answerFor(theirs.setup(), SetupRole.PASSIVE);
        } catch (MsrpSdpException e) {
            log.info("chat invitation from {} refused: {}", peer, e.getMessage());
            client.respond(tx, request.createResponse(488, "Not Acceptable Here"));
            return;
        }
        ours = ChatSdp.media(client.msrp().newLocalUri(), answer);
        sdp = ChatSdp.body(client.config().localHost(), client.scheduler().clock().currentTimeMillis() / 1000, ours);
        SipResponse.Builder b = request.createResponse(200).toBuilder()
                .set(HeaderNames.TO, request.to().withTag(client.layer().newTag()))
                .add(HeaderNames.CONTACT, client.sessionContact())
                .add(HeaderNames.ALLOW, RealCpmClient.ALLOW)
                .add(HeaderNames.SUPPORTED, "timer");
        timer.answer(request, b);
        ok = b.body(ChatSdp.CONTENT_TYPE, sdp).build();
        dialog = Dialog.asUas(request, ok);
        established(theirs, answer.role());
        client.respond(tx, ok);
        if (tx.flow().transport() == Transport.UDP) {
            retransmitOk(tx, SipTimers.DEFAULT.t1(), Duration.ZERO);
        }
    }

    /** §13.3.1.4: the 2xx is retransmitted at T1, 2·T1, … capped at T2, until the ACK; after 64·T1 the session ends. */
    private void retransmitOk(ServerTransaction tx, Duration interval, Duration elapsed) {
        okRetransmission = client.scheduler().schedule(interval, () -> {
            if (acked || state != State.ACTIVE) {
                return;
            }
            Duration total = elapsed.plus(interval);
            if (total.compareTo(SipTimers.DEFAULT.sixtyFourT1()) >= 0) {
                log.info("no ACK from {} for our 200: ending the session", peer);
                bye("SIP;cause=408;text=\"ACK timeout\"", CloseReason.DIALOG_LOST);
                return;
            }
            try {
                tx.respond(ok);
            } catch (IllegalStateException e) {
                return;
            }
            Duration next = interval.multipliedBy(2);
            retransmitOk(tx, next.compareTo(SipTimers.DEFAULT.t2()) > 0 ? SipTimers.DEFAULT.t2() : next, total);
        });
    }

    void onAck() {
        acked = true;
        if (okRetransmission != null) {
            okRetransmission.cancel();
        }
    }

    // ---------------------------------------------------------------- established

    private void established(MsrpMedia theirs, SetupRole role) {
        state = State.ACTIVE;
        client.events().msrpConnectStart(this);
        msrp = client.msrp().openSession(MsrpMedia.sessionParameters(ours, theirs, role), this::onMsrpEvent,
                client.scheduler());
        client.sessionEstablished(this);
    }

    void onReInvite(ServerTransaction tx, SipRequest request) {
        SipResponse.Builder b = request.createResponse(200).toBuilder()
                .add(HeaderNames.CONTACT, client.sessionContact())
                .add(HeaderNames.SUPPORTED, "timer");
        timer.answer(request, b);
        client.respond(tx, b.body(ChatSdp.CONTENT_TYPE, sdp).build());
    }

    void onUpdate(ServerTransaction tx, SipRequest request) {
        SipResponse.Builder b = request.createResponse(200).toBuilder()
                .add(HeaderNames.CONTACT, client.sessionContact())
                .add(HeaderNames.SUPPORTED, "timer");
        timer.answer(request, b);
        client.respond(tx, b.build());
    }

    void onBye(ServerTransaction tx, SipRequest request) {
        client.respond(tx, request.createResponse(200));
        end(CloseReason.REMOTE_BYE);
        closed.complete(null);
    }

    // ---------------------------------------------------------------- session timer (RFC 4028)

    private void expired() {
        if (state == State.ACTIVE) {
            log.info("session timer of the chat with {} expired", peer);
            bye("SIP;cause=408;text=\"Session timer expired\"", CloseReason.SESSION_EXPIRED);
        }
    }

    private void refresh() {
        if (state != State.ACTIVE) {
            return;
        }
        DialogRequest update = dialog.createRequest(SipRequest.UPDATE);
        SipRequest request = update.request().toBuilder()
                .add(HeaderNames.SUPPORTED, "timer")
                .add(HeaderNames.SESSION_EXPIRES, SessionExpires.of(timer.interval(), SessionExpires.Refresher.UAC))
                .add(HeaderNames.USER_AGENT, client.config().userAgent())
                .build();
        client.layer().sendRequest(request, targetOf(update), new ClientTransactionListener() {
            @Override
            public void onFinalResponse(ClientTransaction tx, SipResponse response) {
                dialog.onResponse(request, response);
                if (response.status() == 481 || response.status() == 408) {
                    end(CloseReason.DIALOG_LOST);
                } else if (response.isSuccess()) {
                    timer.fromResponse(response, SessionExpires.Refresher.UAC);
                } else if (state == State.ACTIVE) {
                    timer.restart(timer.interval(), true); // refused (e.g. 491): try again later
                }
            }

            @Override
            public void onFailure(ClientTransaction tx, TransactionFailure failure) {
                if (state == State.ACTIVE) {
                    timer.restart(timer.interval(), true);
                }
            }
        });
    }

    // ---------------------------------------------------------------- MSRP

    private void onMsrpEvent(MsrpSessionEvent event) {
        if (event instanceof MsrpSessionEvent.Connected) {
            client.events().msrpConnectEnd(this, true);
        } else if (event instanceof MsrpSessionEvent.MessageReceived m) {
            onMsrpMessage(m.message());
        } else if (event instanceof MsrpSessionEvent.MessageDelivered d) {
            PendingSend p = sends.remove(d.message().messageId());
            if (p != null) {
                client.events().sendEnd(peer, p.imdnId(), 200);
                p.done().complete(p.imdnId());
            }
        } else if (event instanceof MsrpSessionEvent.SendFailed f) {
            PendingSend p = sends.remove(f.message().messageId());
            if (p != null) {
                client.events().sendEnd(peer, p.imdnId(), f.code());
                p.done().completeExceptionally(new CpmException(f.code(), "MSRP: " + f.comment()));
            }
        } else if (event instanceof MsrpSessionEvent.ConnectionLost l) {
            onMediaLost(l);
        } else if (event instanceof MsrpSessionEvent.Closed c) {
            failPending(c.undelivered(), "session closed");
        } else if (event instanceof MsrpSessionEvent.ReportReceived r) {
            log.debug("REPORT {} for {}", r.status(), r.messageId());
        } else {
            log.debug("MSRP event {}", event);
        }
    }

    private void onMediaLost(MsrpSessionEvent.ConnectionLost lost) {
        failPending(lost.undelivered(), "MSRP connection lost: " + lost.detail());
        if (lost.cause().isSetup()) {
            client.events().msrpConnectEnd(this, false);
        }
        if (state != State.ACTIVE) {
            return;
        }
        log.info("MSRP connection of the chat with {} lost ({}: {})", peer, lost.cause(), lost.detail());
        // The peer's BYE usually follows its MSRP close: give it a moment before ending the session ourselves.
        client.scheduler().schedule(MEDIA_LOSS_GRACE, () -> {
            if (state == State.ACTIVE) {
                bye("SIP;cause=503;text=\"MSRP connection lost\"", CloseReason.MEDIA_LOST);
            }
        });
    }

    private void failPending(List<OutgoingMessage> undelivered, String why) {
        for (OutgoingMessage m : undelivered) {
            PendingSend p = sends.remove(m.messageId());
            if (p != null) {
                client.events().sendEnd(peer, p.imdnId(), 0);
                p.done().completeExceptionally(new CpmException(0, why));
            }
        }
    }

    private void onMsrpMessage(IncomingMessage message) {
        if (message.body().length == 0) {
            return;
        }
        Content.Received received = Content.classify(message.contentType(), message.body());
        if (received instanceof Content.Text t) {
            // reference §8: in a 1-1 session the CPIM From is anonymous; the sender is the peer of the dialog
            client.inbox().onText(t, t.from().orElse(peer), conversationId, this, true, this::sendNotification);
        } else if (received instanceof Content.Notifications n) {
            client.inbox().onNotifications(n.documents(), n.from().orElse(peer));
        } else if (received instanceof Content.Unusable u) {
            log.info("message from {} ignored: {}", peer, u.reason());
        }
    }

    void sendNotification(CpimMessage notification) {
        if (state == State.ACTIVE && msrp != null) {
            msrp.send(Content.CPIM, notification.toBytes());
        }
    }

    // ---------------------------------------------------------------- ChatSession

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public boolean isIncoming() {
        return incoming;
    }

    @Override
    public String conversationId() {
        return conversationId;
    }

    @Override
    public String contributionId() {
        return contributionId;
    }

    @Override
    public State state() {
        return state == null ? State.CLOSED : state;
    }

    @Override
    public CompletableFuture<String> send(String text) {
        CompletableFuture<String> done = new CompletableFuture<>();
        client.onLoop(() -> {
            if (state != State.ACTIVE) {
                done.completeExceptionally(new CpmException(0, "the chat with " + peer + " is closed"));
                return;
            }
            String id = client.newId();
            byte[] body = Content.chat(CpimAddress.ANONYMOUS, CpimAddress.ANONYMOUS, id, client.now(), text).toBytes();
            OutgoingMessage m = new OutgoingMessage(msrp.newMessageId(), Content.CPIM, body, false, FailureReport.YES);
            sends.put(m.messageId(), new PendingSend(id, done));
            client.events().sendStart(peer, id, false);
            msrp.send(m);
        });
        return done;
    }

    @Override
    public CompletableFuture<Void> close() {
        client.onLoop(() -> {
            if (state == State.ACTIVE) {
                bye("SIP;cause=200", CloseReason.LOCAL_BYE);
            } else {
                closed.complete(null);
            }
        });
        return closed;
    }

    private void bye(String reason, CloseReason why) {
        sendBye(reason);
        end(why);
    }

    private void sendBye(String reason) {
        DialogRequest bye = dialog.createRequest(SipRequest.BYE);
        SipRequest request = bye.request().toBuilder()
                .add(HeaderNames.REASON, reason)
                .add(HeaderNames.USER_AGENT, client.config().userAgent())
                .build();
        client.layer().sendRequest(request, targetOf(bye), new ClientTransactionListener() {
            @Override
            public void onFinalResponse(ClientTransaction tx, SipResponse response) {
                closed.complete(null);
            }

            @Override
            public void onFailure(ClientTransaction tx, TransactionFailure failure) {
                closed.complete(null);
            }
        });
    }

    /** Ends the session here: timers, dialog, MSRP; the listener hears once. */
    private void end(CloseReason why) {
        if (state != State.ACTIVE) {
            return;
        }
        state = State.CLOSED;
        timer.stop();
        if (okRetransmission != null) {
            okRetransmission.cancel();
        }
        dialog.terminate();
        if (msrp != null) {
            msrp.close();
        }
        client.sessionEnded(this, why);
        if (why == CloseReason.DIALOG_LOST) {
            closed.complete(null);
        }
    }

    /** Where an in-dialog request goes: its route set's first hop, else the server (our outbound proxy). */
    private Target targetOf(DialogRequest request) {
        if (!dialog.routeSet().isEmpty()) {
            try {
                return request.target();
            } catch (IllegalStateException e) {
                log.debug("route set of {} not usable: {}", dialog, e.getMessage());
            }
        }
        return client.config().server();
    }

    Dialog dialog() {
        return dialog;
    }

    @Override
    public String toString() {
        return "ChatSession[" + peer + (incoming ? " incoming " : " outgoing ") + state() + "]";
    }
}
