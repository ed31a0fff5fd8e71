package org.opencpm.sip.transaction;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.opencpm.common.time.Scheduler;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.message.SipParseException;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.Via;
import org.opencpm.sip.transaction.internal.ClientInviteTransaction;
import org.opencpm.sip.transaction.internal.ClientNonInviteTransaction;
import org.opencpm.sip.transaction.internal.ClientTx;
import org.opencpm.sip.transaction.internal.Destination;
import org.opencpm.sip.transaction.internal.ServerInviteTransaction;
import org.opencpm.sip.transaction.internal.ServerKey;
import org.opencpm.sip.transaction.internal.ServerNonInviteTransaction;
import org.opencpm.sip.transaction.internal.ServerTx;
import org.opencpm.sip.transaction.internal.TransactionHost;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.Inbound;
import org.opencpm.sip.transport.InboundHandler;
import org.opencpm.sip.transport.SipTransportLayer;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction layer of RFC 3261 §17: it sits on a {@link SipTransportLayer} (it is that layer's
 * {@link InboundHandler}) and below one {@link TransactionUser} (a UA core, a proxy core, the PF).
 *
 * <p><b>Client side.</b> {@link #sendRequest} pushes our Via
 * ({@code SIP/2.0/<transport> <sent-by>;branch=z9hG4bK...;rport}) and runs the request in an INVITE or
 * non-INVITE client transaction; responses reach the {@link ClientTransactionListener} as received,
 * our Via still on top. The transaction ACKs non-2xx finals itself; the TU ACKs 2xx with
 * {@link #sendAck}. {@link ClientTransaction#cancel} sends CANCEL per §9.1.
 *
 * <p><b>Server side.</b> Each new request other than ACK gets a {@link ServerTransaction} and goes to
 * {@link TransactionUser#onRequest}; retransmissions are absorbed (the last response is re-sent).
 * The layer itself answers: 100 Trying to an INVITE the TU has not answered within 200 ms (§17.2.1);
 * 200 to a CANCEL that matches an INVITE transaction, then {@link TransactionUser#onCancel} if that
 * INVITE is still pending (§9.2); 481 to a CANCEL that matches nothing; 482 to a merged request
 * (§8.2.2.2, see {@link #setMergedRequestDetection}). An ACK that matches no transaction (the ACK for a
 * 2xx) goes to {@link TransactionUser#onAck}; a response that matches no client transaction goes to
 * {@link TransactionUser#onStrayResponse}.
 *
 * <p><b>Matching</b> follows §17.1.3 (branch and CSeq method) and §17.2.3 (branch, sent-by and
 * method, an ACK finding its INVITE), with the RFC 2543 fallback for branches without the magic
 * cookie.
 *
 * <p><b>Threading.</b> Not thread-safe: every call, callback and timer runs on the scheduler's owner
 * thread. All time is read from the scheduler, so the layer runs on virtual time in tests.
 */
public final class TransactionLayer implements InboundHandler {

    private static final Logger log = LoggerFactory.getLogger(TransactionLayer.class);

    private final SipTransportLayer transport;
    private final Scheduler scheduler;
    private final SipTimers timers;
    private final TransactionUser tu;
    private final Map<ClientTx.ClientKey, ClientTx> clients = new HashMap<>();
    private final Map<ServerKey, ServerTx> servers = new HashMap<>();
    private final Map<MergeKey, ServerTx> byMergeKey = new HashMap<>();
    private final Host host = new Host();
    private final String branchPrefix;
    private final SecureRandom random = new SecureRandom();
    private long counter;
    private boolean mergedRequestDetection = true;
    private int unexpectedEvents;

    /** Creates the layer and makes it the transport's inbound handler. */
    public TransactionLayer(SipTransportLayer transport, Scheduler scheduler, SipTimers timers, TransactionUser tu) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.tu = Objects.requireNonNull(tu, "tu");
        byte[] b = new byte[4];
        random.nextBytes(b);
        this.branchPrefix = Via.MAGIC_COOKIE + HexFormat.of().formatHex(b);
        transport.setHandler(this);
    }

    // ---------------------------------------------------------------- client side

    /**
     * Sends a request (not ACK, not CANCEL) in a new client transaction to {@code target}.
     *
     * @param request the request without our Via; we push it
     * @throws IllegalArgumentException for ACK (use {@link #sendAck}) and CANCEL (use {@link ClientTransaction#cancel})
     */
    public ClientTransaction sendRequest(SipRequest request, Target target, ClientTransactionListener listener) {
        return start(request, new Destination.ToTarget(target), listener);
    }

    /** As {@link #sendRequest(SipRequest, Target, ClientTransactionListener)}, on a known flow (a registered contact's connection). */
    public ClientTransaction sendRequest(SipRequest request, Flow flow, ClientTransactionListener listener) {
        return start(request, new Destination.ToFlow(flow), listener);
    }

    /** Sends the ACK for a 2xx (RFC 3261 §13.2.2.4): no transaction, our Via with a new branch pushed. */
    public void sendAck(SipRequest ack, Target target) {
        sendAck(ack, new Destination.ToTarget(target));
    }

    /** As {@link #sendAck(SipRequest, Target)}, on a known flow. */
    public void sendAck(SipRequest ack, Flow flow) {
        sendAck(ack, new Destination.ToFlow(flow));
    }

    private void sendAck(SipRequest ack, Destination d) {
        if (!ack.isMethod(SipRequest.ACK)) {
            throw new IllegalArgumentException("sendAck needs an ACK, got " + ack.method());
        }
        SipRequest withVia = pushVia(ack, d.transport());
        d.send(transport, withVia, reason -> log.info("ACK {} to {} not sent: {}", ack.summary(), d.target(), reason));
    }

    private ClientTransaction start(SipRequest request, Destination d, ClientTransactionListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (request.isMethod(SipRequest.ACK)) {
            throw new IllegalArgumentException("ACK has no client transaction: use sendAck");
        }
        if (request.isMethod(SipRequest.CANCEL)) {
            throw new IllegalArgumentException("CANCEL is sent by ClientTransaction.cancel (RFC 3261 §9.1)");
        }
        SipRequest withVia = pushVia(request, d.transport());
        ClientTx tx = request.isMethod(SipRequest.INVITE)
                ? new ClientInviteTransaction(host, withVia, d, listener)
                : new ClientNonInviteTransaction(host, withVia, d, listener);
        clients.put(tx.key(), tx);
        log.debug("tx {} created for {} to {}", tx.key(), request.summary(), d.target());
        tx.start();
        return tx;
    }

    private SipRequest pushVia(SipRequest request, Transport t) {
        String via = "SIP/2.0/" + t.viaName() + " " + transport.sentBy(t) + ";branch=" + newBranch() + ";rport";
        return request.toBuilder().addFirst(HeaderNames.VIA, via).build();
    }

    /** A new, unique RFC 3261 branch: the magic cookie, a per-layer random part, and a counter. */
    public String newBranch() {
        return branchPrefix + "." + Long.toString(++counter, 36);
    }

    /** A new random tag for From/To (RFC 3261 §19.3). */
    public String newTag() {
        byte[] b = new byte[6];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The number of client and server transactions not yet Terminated. */
    public int activeTransactions() {
        return clients.size() + servers.size();
    }

    /**
     * How many events a transaction could not take in its state (logged at WARN with key, state and
     * event). Always zero unless there is a bug; tests assert it.
     */
    public int unexpectedEvents() {
        return unexpectedEvents;
    }

    /**
     * Turns the merged-request check of RFC 3261 §8.2.2.2 on (the default, for UAS cores) or off (for
     * proxies, which see the same request on several branches legitimately). When on, a request with
     * no To tag whose From tag, Call-ID and CSeq equal those of an ongoing server transaction it does
     * not match gets a 482 (Loop Detected) and never reaches the TU.
     */
    public void setMergedRequestDetection(boolean on) {
        this.mergedRequestDetection = on;
    }

    // ---------------------------------------------------------------- inbound

    @Override
    public void onMessage(Inbound inbound) {
        try {
            if (inbound.message() instanceof SipResponse response) {
                onResponse(inbound, response);
            } else {
                onRequest(inbound, (SipRequest) inbound.message());
            }
        } catch (SipParseException e) {
            // The transport validated the headers we read; anything else is dropped and logged.
            log.info("dropped {}: {}", inbound.message().summary(), e.getMessage());
        }
    }

    private void onResponse(Inbound inbound, SipResponse response) {
        ClientTx tx = clients.get(new ClientTx.ClientKey(response.topVia().branch(), response.cseq().method()));
        if (tx == null) {
            log.debug("stray response {}", response.summary());
            tu.onStrayResponse(inbound);
            return;
        }
        tx.onResponse(response);
    }

    private void onRequest(Inbound inbound, SipRequest request) {
        ServerKey key = ServerKey.of(request);
        if (request.isMethod(SipRequest.ACK)) {
            ServerTx tx = servers.get(key);
            if (tx instanceof ServerInviteTransaction invite && toTagMatches(invite, request)) {
                invite.onAck(inbound);
            } else {
                tu.onAck(inbound);
            }
            return;
        }
        ServerTx existing = servers.get(key);
        if (existing != null && toTagMatches(existing, request)) {
            existing.onRequestRetransmission(inbound);
            return;
        }
        if (request.isMethod(SipRequest.CANCEL)) {
            onCancel(inbound, request, key);
            return;
        }
        ServerTx tx = newServerTransaction(request, inbound.flow(), key);
        if (mergedRequestDetection && request.to().tag() == null) {
            ServerTx other = byMergeKey.get(MergeKey.of(request));
            if (other != null && !other.isTerminated()) {
                // §8.2.2.2: "the UAS core SHOULD generate a 482 (Loop Detected) response and pass it to the server transaction"
                log.debug("merged request {}: same From tag, Call-ID and CSeq as tx {}", request.summary(), other.key());
                tx.respond(withToTag(request.createResponse(482), null));
                return;
            }
        }
        if (request.to().tag() == null) {
            byMergeKey.put(MergeKey.of(request), tx);
        }
        try {
            tu.onRequest(tx, request);
        } catch (RuntimeException e) {
            // A TU bug must not leave a transaction waiting for an answer that will never come.
            log.error("TU failed on {}; answering 500", request.summary(), e);
            if (tx.isPending()) {
                tx.respond(withToTag(request.createResponse(500), null));
            }
        }
    }

    /** §9.2: a CANCEL finds its INVITE; 200 and a cancelled INVITE if it does, 481 if not. */
    private void onCancel(Inbound inbound, SipRequest cancel, ServerKey key) {
        ServerTx invite = servers.get(key.forMethod(SipRequest.INVITE));
        ServerTx tx = newServerTransaction(cancel, inbound.flow(), key);
        if (!(invite instanceof ServerInviteTransaction inv) || !toTagMatches(invite, cancel)) {
            tx.respond(withToTag(cancel.createResponse(481), null));
            return;
        }
        // §9.2: "the To tag of the response to the CANCEL and the To tag in the response to the original request SHOULD be the same"
        SipResponse last = inv.lastResponse();
        String toTag = last != null ? last.to().tag() : null;
        tx.respond(withToTag(cancel.createResponse(200), toTag));
        if (invite.isPending()) {
            invite.markCancelled();
            tu.onCancel(invite, cancel);
        } else {
            log.debug("CANCEL for tx {} in {} has no effect", invite.key(), invite.stateName());
        }
    }

    private ServerTx newServerTransaction(SipRequest request, Flow flow, ServerKey key) {
        ServerTx tx = request.isMethod(SipRequest.INVITE)
                ? new ServerInviteTransaction(host, request, flow, key)
                : new ServerNonInviteTransaction(host, request, flow, key);
        servers.put(key, tx);
        log.debug("tx {} created for {} from {}", key, request.summary(), flow.remote());
        return tx;
    }

    /**
     * For the RFC 2543 fallback the To tag must match as well: an ACK carries the tag of the response
     * it acknowledges, other requests the tag of the original request. RFC 3261 keys match on the
     * branch alone.
     */
    private static boolean toTagMatches(ServerTx tx, SipRequest request) {
        if (tx.key() instanceof ServerKey.Rfc3261) {
            return true;
        }
        String tag = request.to().tag();
        if (request.isMethod(SipRequest.ACK) && tx instanceof ServerInviteTransaction inv && inv.lastResponse() != null) {
            return Objects.equals(tag, inv.lastResponse().to().tag());
        }
        return Objects.equals(tag, tx.request().to().tag());
    }

    private SipResponse withToTag(SipResponse response, String tag) {
        if (response.to().tag() != null) {
            return response;
        }
        Address to = response.to().withTag(tag != null ? tag : newTag());
        return response.toBuilder().set(HeaderNames.TO, to).build();
    }

    /** From tag, Call-ID and CSeq: what §8.2.2.2 compares to detect a merged request. */
    private record MergeKey(String fromTag, String callId, long cseq, String method) {
        static MergeKey of(SipMessage request) {
            return new MergeKey(request.from().tag(), request.callId(), request.cseq().sequence(), request.cseq().method());
        }
    }

    /** The layer as its transactions see it. */
    private final class Host implements TransactionHost {
        @Override
        public SipTransportLayer transport() {
            return transport;
        }

        @Override
        public Scheduler scheduler() {
            return scheduler;
        }

        @Override
        public SipTimers timers() {
            return timers;
        }

        @Override
        public TransactionUser tu() {
            return tu;
        }

        @Override
        public void unexpected(Object key, Enum<?> state, String event) {
            unexpectedEvents++;
            log.warn("tx {} unexpected event in state {}: {}", key, state, event);
        }

        @Override
        public void clientTerminated(ClientTx tx) {
            clients.remove(tx.key(), tx);
        }

        @Override
        public void serverTerminated(ServerTx tx) {
            servers.remove((ServerKey) tx.key(), tx);
            if (tx.request().to().tag() == null) {
                byMergeKey.remove(MergeKey.of(tx.request()), tx);
            }
            tu.onTerminated(tx);
        }

        @Override
        public void startCancel(SipRequest cancel, Destination destination) {
            ClientTx tx = new ClientNonInviteTransaction(host, cancel, destination, new ClientTransactionListener() {
                @Override
                public void onFinalResponse(ClientTransaction t, SipResponse response) {
                    log.debug("CANCEL {} answered {}", t.branch(), response.status());
                }

                @Override
                public void onFailure(ClientTransaction t, TransactionFailure failure) {
                    log.debug("CANCEL {} failed: {}", t.branch(), failure);
                }
            });
            clients.put(tx.key(), tx);
            tx.start();
        }
    }
}
