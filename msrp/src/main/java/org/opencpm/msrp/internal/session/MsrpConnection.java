package org.opencpm.msrp.internal.session;

import java.util.List;
import org.opencpm.common.time.Cancellable;
import org.opencpm.common.time.Scheduler;
import org.opencpm.msrp.FailureReport;
import org.opencpm.msrp.LossCause;
import org.opencpm.msrp.MsrpHeaders;
import org.opencpm.msrp.MsrpMessage;
import org.opencpm.msrp.MsrpParseException;
import org.opencpm.msrp.MsrpRequest;
import org.opencpm.msrp.MsrpResponse;
import org.opencpm.msrp.MsrpSessionConfig;
import org.opencpm.msrp.MsrpStatusCodes;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.internal.grammar.InvalidMsrpMessage;
import org.opencpm.msrp.internal.grammar.UriGrammar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MSRP connection and the sessions bound to it (RFC 4975 §5.4, §8.1): routes each incoming message
 * to its session by the first To-Path URI and answers what no session can.
 *
 * <ol>
 * <li>An invalid request is answered 400 (413 for a chunk over the size limit); the connection stays up.</li>
 * <li>A request for a session bound here goes to that session if its From-Path ends with the session's
 *     remote endpoint; otherwise it is answered 481.</li>
 * <li>Otherwise a passive session waiting in the {@link SessionRegistry} is bound if the From-Path ends with
 *     its remote endpoint; if that session is bound to another connection the answer is 506.</li>
 * <li>Otherwise: 481. Responses for unknown sessions are logged and dropped.</li>
 * </ol>
 *
 * <p>Owned by one scheduler (the channel's event loop); sessions may live on other schedulers, so calls
 * between the two are queued to the owner. A chunk that starts and does not end within the chunk timeout
 * closes the connection ({@link LossCause#CHUNK_TIMEOUT}).
 */
public final class MsrpConnection {

    private static final Logger log = LoggerFactory.getLogger(MsrpConnection.class);

    private final MsrpTransport transport;
    private final Scheduler scheduler;
    private final MsrpSessionConfig config;
    private final SessionRegistry registry;
    private final BoundSessions sessions = new BoundSessions();
    private final Runnable onEmpty;
    /** Armed while a frame may be unfinished; it checks {@link #midFrameSince} when it fires. */
    private Cancellable chunkTimer = Cancellable.NONE;
    /** When the decoder last went from between frames to inside one ({@code Clock#nanoTime}), or -1 if it is between. */
    private long midFrameSince = -1;
    private volatile boolean closed;

    /**
     * @param onEmpty run on the owner when the connection is closed (to drop it from a pool)
     */
    public MsrpConnection(MsrpTransport transport, Scheduler scheduler, MsrpSessionConfig config,
                          SessionRegistry registry, Runnable onEmpty) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.config = config;
        this.registry = registry;
        this.onEmpty = onEmpty;
    }

    /**
     * For an accepted connection: closes it if no session is bound to it within the connect timeout, so a
     * peer that connects and never binds (or only sends requests answered 481) does not hold it open.
     */
    public void expectBinding() {
        Owners.run(scheduler, () -> scheduler.schedule(config.connectTimeout(), () -> {
            if (sessions.isEmpty() && !closed) {
                log.info("MSRP connection {} bound no session within {}; closing it", describe(),
                        config.connectTimeout());
                close(LossCause.CLOSED_LOCALLY, "no session bound");
            }
        }));
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public boolean isClosed() {
        return closed;
    }

    public String describe() {
        return transport.describe();
    }

    /** Binds an active session to this connection; it is told on its own scheduler. */
    public void attach(RealMsrpSession session) {
        Owners.run(scheduler, () -> {
            if (closed) {
                session.onConnectFailed("connection to " + describe() + " closed");
                return;
            }
            sessions.put(session);
            if (session.bindTo(this)) {
                Owners.run(session.scheduler(), () -> session.onConnected(this, true));
            }
        });
    }

    /**
     * Unbinds a session; the connection closes when no session is left, or at once if {@code dead} is not
     * null (the session found the connection dead, e.g. a transaction timeout): the other sessions on it then
     * lose it with the same cause.
     */
    void detach(RealMsrpSession session, LossCause dead, String detail) {
        Owners.run(scheduler, () -> {
            sessions.remove(session);
            if (dead != null) {
                close(dead, detail + " (seen by session " + session.localUri() + ")");
            } else if (sessions.isEmpty()) {
                close(LossCause.CLOSED_LOCALLY, "last session closed");
            }
        });
    }

    void send(MsrpMessage message) {
        transport.write(message, error -> Owners.run(scheduler, () -> {
            log.warn("MSRP write to {} failed ({}); closing the connection", describe(), error.toString());
            close(LossCause.WRITE_FAILED, error.toString());
        }));
    }

    boolean isWritable() {
        return !closed && transport.isWritable();
    }

    void setReading(boolean reading) {
        transport.setAutoRead(reading);
    }

    /** A decoded message or {@link InvalidMsrpMessage} from the transport. */
    public void onInbound(Object decoded) {
        if (decoded instanceof InvalidMsrpMessage) {
            answerInvalid((InvalidMsrpMessage) decoded);
            return;
        }
        MsrpMessage message = (MsrpMessage) decoded;
        MsrpUri target;
        try {
            target = message.toPath().get(0);
            message.fromPath();
        } catch (MsrpParseException e) {
            log.warn("MSRP {} from {} has unusable To-Path/From-Path ({}); dropped", message, describe(), e.getMessage());
            return;
        }
        RealMsrpSession session = sessions.get(target);
        if (session != null && message instanceof MsrpRequest && !session.expectsSender(last(message.fromPath()))) {
            // The session is the (To-Path, From-Path) pair: the right local URI from another sender is not it.
            log.info("MSRP {} from {} for session {} has a foreign From-Path {}; answering 481", message, describe(),
                    target, UriGrammar.formatPath(message.fromPath()));
            respond((MsrpRequest) message, MsrpStatusCodes.SESSION_DOES_NOT_EXIST);
            return;
        }
        if (session == null && message instanceof MsrpRequest) {
            session = bindPassive((MsrpRequest) message, target);
            if (session == null) {
                return;
            }
        }
        if (session == null) {
            log.debug("MSRP response {} from {} for unknown session {}; dropped", message, describe(), target);
            return;
        }
        RealMsrpSession s = session;
        Owners.run(s.scheduler(), () -> s.onMessage(message));
    }

    private static MsrpUri last(List<MsrpUri> path) {
        return path.get(path.size() - 1);
    }

    private RealMsrpSession bindPassive(MsrpRequest request, MsrpUri target) {
        RealMsrpSession candidate = registry.find(target);
        List<MsrpUri> from = request.fromPath();
        if (candidate == null || !candidate.expectsSender(last(from))) {
            log.info("MSRP {} from {} for unknown session {} (From-Path {}); answering 481", request, describe(),
                    target, UriGrammar.formatPath(from));
            respond(request, MsrpStatusCodes.SESSION_DOES_NOT_EXIST);
            return null;
        }
        if (!candidate.bindTo(this)) {
            log.info("MSRP {} from {} for session {} bound to another connection; answering 506", request,
                    describe(), target);
            respond(request, MsrpStatusCodes.SESSION_ALREADY_BOUND);
            return null;
        }
        // Keyed by the session's own URI (equal to target): the message's parsed URI is not kept.
        sessions.put(candidate);
        Owners.run(candidate.scheduler(), () -> candidate.onConnected(this, false));
        return candidate;
    }

    private void answerInvalid(InvalidMsrpMessage invalid) {
        MsrpParseException cause = invalid.cause();
        int code = cause instanceof MsrpParseException.ChunkTooLarge ? MsrpStatusCodes.STOP_SENDING
                : MsrpStatusCodes.BAD_REQUEST;
        String noReport = invalid.headers().get(MsrpHeaders.FAILURE_REPORT);
        if (!invalid.startLine().isRequest() || MsrpRequest.REPORT.equals(invalid.startLine().method())
                || "no".equalsIgnoreCase(noReport == null ? null : noReport.trim())) {
            log.warn("MSRP invalid message from {} ({}); dropped", describe(), cause.getMessage());
            return;
        }
        try {
            List<MsrpUri> to = UriGrammar.parsePath(invalid.headers().get(MsrpHeaders.FROM_PATH));
            List<MsrpUri> from = UriGrammar.parsePath(invalid.headers().get(MsrpHeaders.TO_PATH));
            log.info("MSRP {} from {} is invalid ({}); answering {}", invalid.startLine().transactionId(), describe(),
                    cause.getMessage(), code);
            // The detail stays in our log; the peer gets the standard comment (the detail may quote its bytes).
            send(MsrpResponse.of(invalid.startLine().transactionId(), code, MsrpStatusCodes.defaultComment(code),
                    List.of(to.get(0)), List.of(from.get(0))));
        } catch (RuntimeException e) {
            log.warn("MSRP invalid request from {} ({}) has no usable paths; dropped", describe(), cause.getMessage());
        }
    }

    /** Answers {@code request} with {@code code} if its Failure-Report asks for that answer (RFC 4975 §7.1.2). */
    void respond(MsrpRequest request, int code) {
        if (request.isReport()) {
            return;
        }
        FailureReport fr;
        try {
            fr = request.failureReport();
        } catch (MsrpParseException e) {
            fr = FailureReport.YES;
        }
        if (fr == FailureReport.NO || fr == FailureReport.PARTIAL && code == MsrpStatusCodes.OK) {
            return;
        }
        send(request.createResponse(code, null));
    }

    /** The transport's outbound buffer crossed a water mark. */
    public void onWritabilityChanged() {
        for (RealMsrpSession s : sessions.snapshot()) {
            Owners.run(s.scheduler(), s::onTransportWritabilityChanged);
        }
    }

    /** The decoder is (true) or is no longer (false) in the middle of a message. */
    public void onMidFrame(boolean midFrame) {
        // Called after every read: rather than a timer per read, one timer stays armed while frames arrive
        // and checks, when it fires, how long the current frame has been unfinished.
        if (!midFrame) {
            midFrameSince = -1;
            return;
        }
        if (midFrameSince < 0) {
            midFrameSince = scheduler.clock().nanoTime();
        }
        if (chunkTimer == Cancellable.NONE) {
            armChunkTimer(config.chunkTimeout().toNanos());
        }
    }

    private void armChunkTimer(long delayNanos) {
        chunkTimer = scheduler.schedule(java.time.Duration.ofNanos(delayNanos), this::onChunkTimer);
    }

    private void onChunkTimer() {
        chunkTimer = Cancellable.NONE;
        if (midFrameSince < 0 || closed) {
            return;
        }
        long left = midFrameSince + config.chunkTimeout().toNanos() - scheduler.clock().nanoTime();
        if (left > 0) {
            armChunkTimer(left);
            return;
        }
        log.warn("MSRP peer {} left a chunk unfinished for {}; closing the connection", describe(),
                config.chunkTimeout());
        close(LossCause.CHUNK_TIMEOUT, "chunk unfinished for " + config.chunkTimeout());
    }

    /** The connection is gone; every session bound to it loses it. */
    public void onClosed(LossCause cause, String detail) {
        Owners.run(scheduler, () -> close(cause, detail));
    }

    private void close(LossCause cause, String detail) {
        if (closed) {
            return;
        }
        closed = true;
        chunkTimer.cancel();
        transport.close();
        List<RealMsrpSession> lost = sessions.snapshot();
        sessions.clear();
        for (RealMsrpSession s : lost) {
            Owners.run(s.scheduler(), () -> s.onConnectionLost(cause, detail));
        }
        onEmpty.run();
    }
}
