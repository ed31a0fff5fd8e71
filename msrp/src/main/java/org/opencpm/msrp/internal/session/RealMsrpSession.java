package org.opencpm.msrp.internal.session;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.opencpm.common.time.Cancellable;
import org.opencpm.common.time.Scheduler;
import org.opencpm.msrp.ByteRange;
import org.opencpm.msrp.FailureReport;
import org.opencpm.msrp.IncomingMessage;
import org.opencpm.msrp.LossCause;
import org.opencpm.msrp.MsrpMessage;
import org.opencpm.msrp.MsrpRequest;
import org.opencpm.msrp.MsrpResponse;
import org.opencpm.msrp.MsrpSession;
import org.opencpm.msrp.MsrpSessionConfig;
import org.opencpm.msrp.MsrpSessionEvent;
import org.opencpm.msrp.MsrpSessionListener;
import org.opencpm.msrp.MsrpStatus;
import org.opencpm.msrp.MsrpStatusCodes;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.OutgoingMessage;
import org.opencpm.msrp.SetupRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MSRP session state machine (RFC 4975 §5–§7, RFC 6135, AMB-01), a plain object on one scheduler.
 *
 * <ol>
 * <li>{@code CONNECTING}: active → the {@link Connector} opens or reuses a connection, then a bodiless SEND
 *     binds it (§5.4); passive → wait in the {@link SessionRegistry} for the peer's first request. Either
 *     must happen within the connect timeout.</li>
 * <li>{@code OPEN}: chunks are sent while the connection is writable; each SEND awaits its response
 *     for the transaction timeout; incoming chunks are answered and reassembled; after the idle timeout a
 *     bodiless SEND probes the peer.</li>
 * <li>{@code CLOSED}: after close or loss; timers cancelled, unacknowledged messages reported.</li>
 * </ol>
 */
public final class RealMsrpSession implements MsrpSession {

    private static final Logger log = LoggerFactory.getLogger(RealMsrpSession.class);

    private enum State { CONNECTING, OPEN, CLOSED }

    private final MsrpUri localUri;
    private final List<MsrpUri> remotePath;
    private final List<String> acceptTypes;
    private final SetupRole role;
    private final MsrpSessionConfig config;
    private final Scheduler scheduler;
    private final MsrpSessionListener listener;
    private final SessionRegistry registry;
    private final Connector connector;
    private final Ids ids;
    private static final AtomicReferenceFieldUpdater<RealMsrpSession, MsrpConnection> BOUND_TO =
            AtomicReferenceFieldUpdater.newUpdater(RealMsrpSession.class, MsrpConnection.class, "boundTo");
    private volatile MsrpConnection boundTo;
    private final OutgoingQueue outgoing;
    private final Reassembler incoming;
    private final InboundRequests inbound;

    private State state = State.CONNECTING;
    private MsrpConnection connection;
    private Cancellable setupTimer = Cancellable.NONE;
    private Cancellable idleTimer = Cancellable.NONE;
    /** One timer for all the SEND transactions awaiting a response: it fires at the earliest deadline. */
    private Cancellable transactionSweep = Cancellable.NONE;
    private long lastActivity;
    private boolean firstResponseSeen;
    private boolean bound;
    private boolean sentAnyRequest;
    private String bindTransaction;
    private String probeTransaction;
    private volatile boolean writable;
    private Long peerMaxSize;
    private volatile boolean closed;

    public RealMsrpSession(MsrpUri localUri, List<MsrpUri> remotePath, List<String> acceptTypes, SetupRole role,
                           MsrpSessionConfig config, Scheduler scheduler, MsrpSessionListener listener,
                           SessionRegistry registry, Connector connector, Ids ids) {
        if (remotePath.isEmpty()) {
            throw new IllegalArgumentException("remote path is empty");
        }
        this.localUri = localUri;
        this.remotePath = List.copyOf(remotePath);
        this.acceptTypes = List.copyOf(acceptTypes);
        this.role = role;
        this.config = config;
        this.scheduler = scheduler;
        this.listener = listener;
        this.registry = registry;
        this.connector = connector;
        this.ids = ids;
        this.outgoing = new OutgoingQueue(config.chunkSize());
        this.incoming = new Reassembler(config.maxMessageSize(), config.chunkTimeout(), scheduler, localUri);
        this.inbound = new InboundRequests(localUri, this.acceptTypes, incoming, new InboundRequests.Actions() {
            @Override
            public void respond(MsrpRequest request, int code) {
                connection.respond(request, code);
            }

            @Override
            public void received(IncomingMessage message) {
                emit(new MsrpSessionEvent.MessageReceived(RealMsrpSession.this, message));
            }

            @Override
            public void sendReport(String messageId, MsrpStatus status, long total) {
                writeReport(messageId, status, total);
            }

            @Override
            public void reportReceived(String messageId, MsrpStatus status, ByteRange range) {
                emit(new MsrpSessionEvent.ReportReceived(RealMsrpSession.this, messageId, status, range));
            }
        });
    }

    /** Refuses, before sending, messages larger than the peer's SDP {@code a=max-size} (RFC 4975 §8.6). */
    public RealMsrpSession withPeerMaxSize(Long maxSize) {
        this.peerMaxSize = maxSize;
        return this;
    }

    /** Starts connecting (active) or waiting for the peer (passive). */
    public void start() {
        if (role == SetupRole.PASSIVE) {
            // Registered before returning: the peer may connect and send as soon as it has our SDP answer.
            registry.register(this);
        }
        Owners.run(scheduler, () -> {
            setupTimer = scheduler.schedule(config.connectTimeout(), () -> {
                if (connection == null) {
                    fail(LossCause.CONNECT_TIMEOUT, "not connected within " + config.connectTimeout(), false);
                }
            });
            if (role == SetupRole.ACTIVE) {
                connector.connect(remotePath.get(0), this);
            }
        });
    }

    Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public MsrpUri localUri() {
        return localUri;
    }

    @Override
    public List<MsrpUri> remotePath() {
        return remotePath;
    }

    boolean bindTo(MsrpConnection c) {
        return BOUND_TO.compareAndSet(this, null, c) || boundTo == c;
    }

    /** RFC 4975 §5.4: the request that binds a passive session must come from the peer in its SDP path. */
    boolean expectsSender(MsrpUri originalSender) {
        return remotePath.get(remotePath.size() - 1).equals(originalSender);
    }

    // ---- events from the connection layer, on this session's scheduler

    void onConnected(MsrpConnection c, boolean active) {
        if (state != State.CONNECTING) {
            log.debug("MSRP session {}: connection {} arrived in state {}; detaching", localUri, c.describe(), state);
            c.detach(this, null, null);
            return;
        }
        connection = c;
        bound = true;
        transitionTo(State.OPEN, (active ? "connected to " : "bound by ") + c.describe());
        setupTimer.cancel();
        setupTimer = Cancellable.NONE;
        touch();
        armIdleTimer(config.idleTimeout());
        if (active) {
            bindTransaction = sendBodiless();
        } else {
            emit(new MsrpSessionEvent.Connected(this));
        }
        pump();
    }

    /** The connector could not open a connection for this active session. */
    public void onConnectFailed(String detail) {
        Owners.run(scheduler, () -> fail(LossCause.CONNECT_FAILED, detail, false));
    }

    void onConnectionLost(LossCause cause, String detail) {
        connection = null;
        fail(cause, detail, false);
    }

    void onTransportWritabilityChanged() {
        pump();
    }

    void onMessage(MsrpMessage message) {
        if (state != State.OPEN) {
            log.debug("MSRP session {}: {} in state {}; ignored", localUri, message, state);
            return;
        }
        touch();
        if (message instanceof MsrpResponse) {
            onResponse((MsrpResponse) message);
        } else {
            inbound.onRequest((MsrpRequest) message);
        }
    }

    private void onResponse(MsrpResponse response) {
        OutgoingQueue.Pending pending = outgoing.takePending(response.transactionId());
        if (pending == null) {
            log.debug("MSRP session {}: response {} matches no transaction; ignored", localUri, response);
            return;
        }
        boolean wasBind = response.transactionId().equals(bindTransaction);
        int code = response.code();
        if (code == MsrpStatusCodes.REQUEST_TIMEOUT || code == MsrpStatusCodes.SESSION_DOES_NOT_EXIST) {
            // AMB-01 (b): a SEND answered 408 or 481 means the connection towards the peer is lost;
            // before any other response it means setup failed.
            fail(LossCause.TRANSACTION_REJECTED, "SEND " + response.transactionId() + " answered " + code, false);
            return;
        }
        firstResponseSeen = true;
        if (wasBind) {
            bindTransaction = null;
            emit(new MsrpSessionEvent.Connected(this));
        }
        if (pending.message == null) {
            return;
        }
        if (response.isSuccess()) {
            OutgoingMessage delivered = outgoing.acknowledge(pending.message);
            if (delivered != null) {
                emit(new MsrpSessionEvent.MessageDelivered(this, delivered));
            }
        } else {
            log.info("MSRP session {}: message {} refused with {} {}", localUri, pending.message.message.messageId(),
                    code, response.comment());
            outgoing.abandon(pending.message);
            emit(new MsrpSessionEvent.SendFailed(this, pending.message.message, code, response.comment()));
        }
        pump();
    }

    /**
     * The transaction sweep: the oldest transaction has reached its deadline (AMB-01 b), or it was answered and
     * the sweep moves on to the next oldest.
     */
    private void onTransactionSweep() {
        transactionSweep = Cancellable.NONE;
        if (state == State.CLOSED) {
            return;
        }
        OutgoingQueue.Pending oldest = outgoing.oldestPending();
        if (oldest == null) {
            // Nothing awaited since at least one timeout: the session is quiet, let it hold no empty tables.
            outgoing.releaseIfIdle();
        } else if (oldest.deadline - scheduler.clock().nanoTime() <= 0) {
            onTransactionTimeout(oldest.transactionId);
        } else {
            armTransactionSweep();
        }
    }

    /** Arms the sweep for the oldest transaction, unless it is armed already (then it fires no later than that). */
    private void armTransactionSweep() {
        OutgoingQueue.Pending oldest = outgoing.oldestPending();
        if (oldest == null || transactionSweep != Cancellable.NONE) {
            return;
        }
        long delay = Math.max(0, oldest.deadline - scheduler.clock().nanoTime());
        transactionSweep = scheduler.schedule(java.time.Duration.ofNanos(delay), this::onTransactionSweep);
    }

    private void onTransactionTimeout(String transactionId) {
        if (outgoing.takePending(transactionId) == null || state == State.CLOSED) {
            return;
        }
        boolean probe = transactionId.equals(probeTransaction);
        LossCause cause = probe ? LossCause.KEEPALIVE_FAILED : LossCause.TRANSACTION_TIMEOUT;
        log.warn("MSRP session {}: {} {} unanswered for {}; connection {} considered lost", localUri,
                probe ? "keep-alive SEND" : "SEND", transactionId, config.transactionTimeout(),
                connection == null ? "-" : connection.describe());
        fail(cause, "no response to " + transactionId + " within " + config.transactionTimeout(), true);
    }

    // ---- sending

    @Override
    public OutgoingMessage send(String contentType, byte[] body) {
        OutgoingMessage m = new OutgoingMessage(newMessageId(), contentType, body, false, FailureReport.YES);
        send(m);
        return m;
    }

    @Override
    public void send(OutgoingMessage message) {
        Owners.run(scheduler, () -> {
            if (state == State.CLOSED) {
                emit(new MsrpSessionEvent.SendFailed(this, message, 0, "session closed"));
                return;
            }
            if (peerMaxSize != null && message.size() > peerMaxSize) {
                emit(new MsrpSessionEvent.SendFailed(this, message, 0, "larger than the peer's a=max-size " + peerMaxSize));
                return;
            }
            if (outgoing.pendingBytes() + message.size() > config.maxPendingBytes()) {
                log.warn("MSRP session {}: {} bytes unacknowledged; refusing message {}", localUri,
                        outgoing.pendingBytes(), message.messageId());
                emit(new MsrpSessionEvent.SendFailed(this, message, 0, "send queue full"));
                return;
            }
            outgoing.enqueue(message);
            pump();
        });
    }

    @Override
    public void sendReport(String messageId, MsrpStatus status, long total) {
        Owners.run(scheduler, () -> writeReport(messageId, status, total));
    }

    @Override
    public String newMessageId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    private void pump() {
        while (state == State.OPEN && connection.isWritable() && outgoing.hasUnsent()) {
            OutgoingQueue.Chunk chunk = outgoing.pollUnsent();
            String tid = ids.next();
            while (OutgoingQueue.containsEndLine(chunk, tid)) {
                // RFC 4975 §7.1: "If the end-line is present in the body, the sender MUST choose a new transaction identifier"
                tid = ids.next();
            }
            MsrpRequest request = OutgoingQueue.toRequest(chunk, tid, remotePath, localUri);
            if (chunk.message().message.failureReport() == FailureReport.YES) {
                awaitResponse(tid, chunk.message());
            } else {
                // Failure-Report no/partial: no 200 will come, so a written chunk counts as acknowledged.
                OutgoingMessage done = outgoing.acknowledge(chunk.message());
                if (done != null) {
                    emit(new MsrpSessionEvent.MessageDelivered(this, done));
                }
            }
            write(request);
        }
        updateWritability();
    }

    private String sendBodiless() {
        String tid = ids.next();
        awaitResponse(tid, null);
        write(MsrpRequest.builder(MsrpRequest.SEND).transactionId(tid).toPath(remotePath).fromPath(List.of(localUri))
                .messageId(newMessageId()).byteRange(new ByteRange(1, 0, 0)).build());
        return tid;
    }

    private void awaitResponse(String tid, OutgoingQueue.Tracked message) {
        outgoing.awaitResponse(tid, message, scheduler.clock().nanoTime() + config.transactionTimeout().toNanos());
        armTransactionSweep();
    }

    private void writeReport(String messageId, MsrpStatus status, long total) {
        if (state != State.OPEN) {
            log.info("MSRP session {}: REPORT for {} not sent, session is {}", localUri, messageId, state);
            return;
        }
        write(MsrpRequest.builder(MsrpRequest.REPORT).transactionId(ids.next()).toPath(remotePath)
                .fromPath(List.of(localUri)).messageId(messageId).byteRange(new ByteRange(1, total, total))
                .status(status).build());
    }

    private void write(MsrpRequest request) {
        sentAnyRequest = true;
        touch();
        connection.send(request);
    }

    private void updateWritability() {
        boolean now = state == State.OPEN && connection.isWritable()
                && outgoing.pendingBytes() < config.writeHighWaterMark();
        if (now != writable) {
            writable = now;
            emit(new MsrpSessionEvent.WritabilityChanged(this, now));
        }
    }

    // ---- keep-alive (AMB-01 c)

    private void touch() {
        lastActivity = scheduler.clock().nanoTime();
    }

    private void armIdleTimer(java.time.Duration delay) {
        if (config.idleTimeout().isZero()) {
            return;
        }
        idleTimer = scheduler.schedule(delay, this::onIdleTimer);
    }

    private void onIdleTimer() {
        if (state != State.OPEN) {
            return;
        }
        long idleNanos = scheduler.clock().nanoTime() - lastActivity;
        long limit = config.idleTimeout().toNanos();
        if (idleNanos < limit) {
            armIdleTimer(java.time.Duration.ofNanos(limit - idleNanos));
            return;
        }
        log.debug("MSRP session {}: idle for {}; probing with a bodiless SEND", localUri, config.idleTimeout());
        probeTransaction = sendBodiless();
        armIdleTimer(config.idleTimeout());
    }

    // ---- ending

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public void setReading(boolean reading) {
        Owners.run(scheduler, () -> {
            if (connection != null) {
                connection.setReading(reading);
            }
        });
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        Owners.run(scheduler, () -> {
            if (state == State.CLOSED) {
                return;
            }
            List<OutgoingMessage> undelivered = shutDown("closed locally", null);
            emit(new MsrpSessionEvent.Closed(this, undelivered));
        });
    }

    private void fail(LossCause cause, String detail, boolean closeConnection) {
        if (state == State.CLOSED) {
            return;
        }
        boolean setupDone = firstResponseSeen || role == SetupRole.PASSIVE && bound && !sentAnyRequest;
        LossCause reported = cause;
        if (!setupDone && !cause.isSetup()) {
            reported = cause == LossCause.TRANSACTION_TIMEOUT ? LossCause.NO_FIRST_RESPONSE : LossCause.CONNECT_FAILED;
        }
        List<OutgoingMessage> undelivered = shutDown(reported + ": " + detail, closeConnection ? cause : null);
        log.warn("MSRP session {}: {} ({}); {} message(s) undelivered", localUri, reported, detail, undelivered.size());
        emit(new MsrpSessionEvent.ConnectionLost(this, reported, detail, undelivered));
    }

    /** @param deadConnection the cause if the connection itself is dead and must close for every session */
    private List<OutgoingMessage> shutDown(String cause, LossCause deadConnection) {
        transitionTo(State.CLOSED, cause);
        closed = true;
        writable = false;
        setupTimer.cancel();
        setupTimer = Cancellable.NONE;
        idleTimer.cancel();
        idleTimer = Cancellable.NONE;
        transactionSweep.cancel();
        transactionSweep = Cancellable.NONE;
        incoming.clear();
        registry.remove(this);
        MsrpConnection c = boundTo;
        if (c != null) {
            c.detach(this, deadConnection, cause);
        }
        connection = null;
        return outgoing.drainUnacknowledged();
    }

    /** The only place the state changes; it never moves back. */
    private void transitionTo(State next, String cause) {
        if (next.ordinal() <= state.ordinal()) {
            throw new IllegalStateException("MSRP session " + localUri + ": " + state + " -> " + next + " (" + cause + ")");
        }
        log.debug("MSRP session {}: {} -> {} ({})", localUri, state, next, cause);
        state = next;
    }

    private void emit(MsrpSessionEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.error("MSRP session {}: listener threw on {}; ignored", localUri, event.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return "MsrpSession[" + localUri + " -> " + remotePath + ", " + state + "]";
    }
}
