package org.opencpm.client.internal;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.opencpm.client.ChatMessage;
import org.opencpm.client.ChatSession;
import org.opencpm.client.CpmClient;
import org.opencpm.client.CpmClientListener;
import org.opencpm.client.EventListener;
import org.opencpm.common.time.Scheduler;
import org.opencpm.msrp.MsrpEndpoint;
import org.opencpm.sip.dialog.DialogId;
import org.opencpm.sip.message.AcceptContact;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.FeatureTags;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transaction.ServerTransaction;
import org.opencpm.sip.transaction.SipTimers;
import org.opencpm.sip.transaction.TransactionLayer;
import org.opencpm.sip.transaction.TransactionUser;
import org.opencpm.sip.transport.HostPort;
import org.opencpm.sip.transport.Inbound;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;
import org.opencpm.sip.transport.netty.NettySipTransport;
import org.opencpm.sip.transport.netty.NettySipTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's UA core: it owns the SIP transport (whose event loop is the client's event thread),
 * the transaction layer, the MSRP endpoint, the {@link Registration}, the {@link RealChatSession}s,
 * {@link PagerMode} and the {@link Inbox} (received content), and dispatches the requests it receives
 * (RFC 3261 §8.2):
 *
 * <table>
 * <caption>Requests received</caption>
 * <tr><td>INVITE without To tag</td><td>a chat invitation: accepted ({@link RealChatSession#accept}) or 603</td></tr>
 * <tr><td>INVITE, UPDATE, BYE with To tag</td><td>to the session of its dialog; 481 if none, 500 if out of order</td></tr>
 * <tr><td>MESSAGE</td><td>pager mode ({@link PagerMode#onMessage})</td></tr>
 * <tr><td>OPTIONS</td><td>200 with Allow, Accept and our Contact</td></tr>
 * <tr><td>anything else</td><td>405 with Allow</td></tr>
 * </table>
 *
 * <p>All state is touched on the event thread only; public methods hop onto it.
 */
public final class RealCpmClient implements CpmClient, TransactionUser {

    private static final Logger log = LoggerFactory.getLogger(RealCpmClient.class);

    static final String ICSI_SESSION = "urn:urn-7:3gpp-service.ims.icsi.oma.cpm.session";
    static final String ICSI_MSG = "urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg";
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, MESSAGE, OPTIONS, UPDATE";

    private final ClientConfig config;
    private final SafeListener listener;
    private final EventListener events;
    private final NettySipTransport transport;
    private final Scheduler scheduler;
    private final TransactionLayer layer;
    private final MsrpEndpoint msrp;
    private final Registration registration;
    private final PagerMode pager;
    private final SecureRandom random = new SecureRandom();
    private final Map<DialogId, RealChatSession> sessions = new LinkedHashMap<>();
    private final Map<String, String> conversations = new HashMap<>();
    private final Inbox inbox;
    private Address registerContact;
    private Address sessionContact;
    private volatile boolean closed;

    private RealCpmClient(ClientConfig config, CpmClientListener listener, EventListener events,
                          NettySipTransport transport, MsrpEndpoint msrp) {
        this.config = config;
        this.listener = new SafeListener(listener);
        this.events = events;
        this.transport = transport;
        this.scheduler = transport.scheduler();
        this.msrp = msrp;
        this.layer = new TransactionLayer(transport, scheduler, SipTimers.DEFAULT, this);
        this.registration = new Registration(this);
        this.pager = new PagerMode(this);
        this.inbox = new Inbox(this, this.listener);
    }

    /** Binds the SIP and MSRP listeners on the local host (ephemeral ports) and returns the running client. */
    public static RealCpmClient start(ClientConfig config, CpmClientListener listener, EventListener events) {
        Transport t = config.server().transport();
        NettySipTransport transport = new NettySipTransport(NettySipTransportConfig.builder()
                .listen(List.of(new Target(t, new InetSocketAddress(config.localHost(), 0)))).build());
        MsrpEndpoint msrp = null;
        try {
            msrp = MsrpEndpoint.builder().listen(new InetSocketAddress(config.localHost(), 0)).build();
            RealCpmClient client = new RealCpmClient(config, listener, events, transport, msrp);
            transport.start();
            client.contacts();
            return client;
        } catch (RuntimeException e) {
            if (msrp != null) {
                msrp.close();
            }
            transport.close();
            throw new IllegalStateException("cannot start the client on " + config.localHost() + ": " + e.getMessage(), e);
        }
    }

    /** Our Contacts (RFC 3840): the registered one with both ICSIs, and the one of chat dialogs. */
    private void contacts() {
        Transport t = config.server().transport();
        HostPort hp = transport.sentBy(t);
        SipUri uri = SipUri.parse("sip:" + config.user().rawUser() + "@" + hp.host() + ":" + hp.port()
                + (t == Transport.UDP ? "" : ";transport=" + t.name().toLowerCase(Locale.ROOT)));
        FeatureTags both = FeatureTags.builder().instance(config.instanceId()).icsi(ICSI_SESSION, ICSI_MSG).build();
        FeatureTags session = FeatureTags.builder().instance(config.instanceId()).icsi(ICSI_SESSION).build();
        registerContact = Address.of(null, uri, both.params());
        sessionContact = Address.of(null, uri, session.params());
    }

    // ---------------------------------------------------------------- public API

    @Override
    public String user() {
        return config.user().toString();
    }

    @Override
    public CompletableFuture<Long> register() {
        CompletableFuture<Long> f = new CompletableFuture<>();
        onLoop(() -> registration.register(f));
        return f;
    }

    @Override
    public CompletableFuture<ChatSession> openChat(String peerUri) {
        CompletableFuture<ChatSession> f = new CompletableFuture<>();
        SipUri peer;
        try {
            peer = parsePeer(peerUri);
        } catch (IllegalArgumentException e) {
            f.completeExceptionally(e);
            return f;
        }
        onLoop(() -> new RealChatSession(this, peer.toString(), false, conversationFor(peer.toString()),
                newId()).invite(peer, f));
        return f;
    }

    @Override
    public CompletableFuture<String> sendMessage(String peerUri, String text) {
        CompletableFuture<String> f = new CompletableFuture<>();
        SipUri peer;
        try {
            peer = parsePeer(peerUri);
        } catch (IllegalArgumentException e) {
            f.completeExceptionally(e);
            return f;
        }
        onLoop(() -> pager.send(peer, text, f));
        return f;
    }

    @Override
    public void markDisplayed(ChatMessage message) {
        if (message.displayRequested()) {
            onLoop(() -> inbox.displayed(message));
        }
    }

    @Override
    public List<ChatSession> sessions() {
        CompletableFuture<List<ChatSession>> f = new CompletableFuture<>();
        if (scheduler.inOwnerThread()) {
            return new ArrayList<>(sessions.values());
        }
        onLoop(() -> f.complete(new ArrayList<>(sessions.values())));
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        if (scheduler.inOwnerThread()) {
            throw new IllegalStateException("close() blocks: call it off the client's event thread");
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long waitMs = Math.min(config.requestTimeout().toMillis(), 4000);
        try {
            List<CompletableFuture<Void>> byes = new ArrayList<>();
            for (ChatSession s : sessions()) {
                byes.add(s.close());
            }
            CompletableFuture.allOf(byes.toArray(new CompletableFuture<?>[0])).get(waitMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.debug("sessions not all closed in time", e);
        }
        try {
            CompletableFuture<Void> unregistered = new CompletableFuture<>();
            onLoop(() -> registration.unregister(unregistered));
            unregistered.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.debug("unregister not answered in time", e);
        }
        msrp.close();
        transport.close();
    }

    // ---------------------------------------------------------------- TransactionUser

    @Override
    public void onRequest(ServerTransaction tx, SipRequest request) {
        switch (request.method()) {
            case SipRequest.INVITE -> {
                if (request.to().tag() == null) {
                    incomingInvite(tx, request);
                } else {
                    inDialog(tx, request, s -> s.onReInvite(tx, request));
                }
            }
            case SipRequest.UPDATE -> inDialog(tx, request, s -> s.onUpdate(tx, request));
            case SipRequest.BYE -> inDialog(tx, request, s -> s.onBye(tx, request));
            case SipRequest.MESSAGE -> pager.onMessage(tx, request);
            case SipRequest.OPTIONS -> respond(tx, request.createResponse(200).toBuilder()
                    .add(HeaderNames.ALLOW, ALLOW)
                    .add(HeaderNames.ACCEPT, "application/sdp, message/cpim")
                    .add(HeaderNames.CONTACT, registerContact).build());
            default -> respond(tx, request.createResponse(405).toBuilder().add(HeaderNames.ALLOW, ALLOW).build());
        }
    }

    private void incomingInvite(ServerTransaction tx, SipRequest request) {
        if (!config.autoAccept() || closed) {
            respond(tx, request.createResponse(603));
            return;
        }
        String peer = identity(request);
        String conversation = request.header(HeaderNames.CONVERSATION_ID);
        if (conversation != null) {
            conversations.put(peer, conversation.trim());
        }
        String contribution = request.header(HeaderNames.CONTRIBUTION_ID);
        new RealChatSession(this, peer, true, conversationFor(peer),
                contribution != null ? contribution.trim() : newId()).accept(tx, request);
    }

    private void inDialog(ServerTransaction tx, SipRequest request, Consumer<RealChatSession> action) {
        RealChatSession s = sessions.get(DialogId.ofIncomingRequest(request));
        if (s == null) {
            respond(tx, request.createResponse(481));
            return;
        }
        if (s.dialog().isOutOfOrder(request)) {
            // RFC 3261 §12.2.2: a request with a CSeq below the remote sequence number "MUST be rejected with a 500"
            respond(tx, request.createResponse(500, "Out of order"));
            return;
        }
        s.dialog().onRequest(request);
        action.accept(s);
    }

    @Override
    public void onAck(Inbound ack) {
        RealChatSession s = sessions.get(DialogId.ofIncomingRequest(ack.message()));
        if (s != null) {
            s.onAck();
        }
    }

    @Override
    public void onCancel(ServerTransaction inviteTx, SipRequest cancel) {
        if (inviteTx.isTerminated()) {
            return;
        }
        try {
            respond(inviteTx, inviteTx.request().createResponse(487));
        } catch (IllegalStateException answeredAlready) {
            log.debug("CANCEL after our final response: {}", answeredAlready.getMessage());
        }
    }

    // ---------------------------------------------------------------- for the parts of the client

    /** Sends a response, adding a To tag to a final one that has none and our Server token. */
    void respond(ServerTransaction tx, SipResponse response) {
        SipResponse.Builder b = response.toBuilder();
        if (response.to().tag() == null && response.status() > 100) {
            b.set(HeaderNames.TO, response.to().withTag(layer.newTag()));
        }
        b.set(HeaderNames.SERVER, config.userAgent());
        tx.respond(b.build());
    }

    /** A new out-of-dialog request from us to {@code peer}: Max-Forwards, From with a new tag, To, Call-ID, CSeq 1, User-Agent. */
    SipRequest.Builder newRequest(String method, SipUri requestUri, Address to) {
        return SipRequest.builder(method, requestUri)
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, Address.of(config.user()).withTag(layer.newTag()))
                .add(HeaderNames.TO, to)
                .add(HeaderNames.CALL_ID, newId() + "@" + config.localHost())
                .add(HeaderNames.CSEQ, "1 " + method)
                .add(HeaderNames.USER_AGENT, config.userAgent());
    }

    /** {@code *;+g.3gpp.icsi-ref="…"} for one CPM service (reference §2.5). */
    static String acceptContact(String icsi) {
        return AcceptContact.of(FeatureTags.builder().icsi(icsi).build(), false, false).toString();
    }

    /**
     * The identity of the sender of a request as the client shows it: the P-Asserted-Identity the
     * network vouches for if there is a SIP one, else the From, as an address-of-record.
     */
    static String identity(SipRequest request) {
        for (String pai : request.headerValues(HeaderNames.P_ASSERTED_IDENTITY)) {
            try {
                Address a = Address.parse(pai);
                if (a.sipUri() != null) {
                    return a.sipUri().aor().toString();
                }
            } catch (RuntimeException e) {
                log.debug("unusable P-Asserted-Identity {}", pai);
            }
        }
        SipUri from = request.from().sipUri();
        return from != null ? from.aor().toString() : request.from().uri().toString();
    }

    /** The Conversation-ID for chats and messages with {@code peer}: the one last used with them, or a new one. */
    String conversationFor(String peer) {
        return conversations.computeIfAbsent(peer.toLowerCase(Locale.ROOT), p -> newId());
    }

    void rememberConversation(String peer, String conversationId) {
        if (conversationId != null && !conversationId.isBlank()) {
            conversations.put(peer.toLowerCase(Locale.ROOT), conversationId.trim());
        }
    }

    void sessionEstablished(RealChatSession s) {
        sessions.put(s.dialog().id(), s);
        listener.sessionOpened(s);
    }

    void sessionEnded(RealChatSession s, ChatSession.CloseReason reason) {
        sessions.remove(s.dialog().id(), s);
        listener.sessionClosed(s, reason);
    }

    /** Runs on the event thread: at once if called there, else queued. */
    void onLoop(Runnable task) {
        if (scheduler.inOwnerThread()) {
            task.run();
        } else {
            scheduler.execute(task);
        }
    }

    /** 128 random bits in hex: Call-IDs, Contribution-IDs, Conversation-IDs and imdn.Message-IDs (reference §2.1). */
    String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(scheduler.clock().currentTimeMillis()), ZoneOffset.UTC);
    }

    static SipUri parsePeer(String peerUri) {
        try {
            return SipUri.parse(peerUri.trim()).aor();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a SIP address: " + peerUri);
        }
    }

    ClientConfig config() {
        return config;
    }

    CpmClientListener listener() {
        return listener;
    }

    EventListener events() {
        return events;
    }

    TransactionLayer layer() {
        return layer;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    Inbox inbox() {
        return inbox;
    }

    PagerMode pager() {
        return pager;
    }

    MsrpEndpoint msrp() {
        return msrp;
    }

    Address registerContact() {
        return registerContact;
    }

    Address sessionContact() {
        return sessionContact;
    }

    boolean isClosed() {
        return closed;
    }
}
