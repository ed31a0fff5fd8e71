package org.opencpm.sip.transaction.internal;

import java.time.Duration;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transaction.ClientTransactionListener;
import org.opencpm.sip.transaction.TransactionFailure;
import org.opencpm.sip.transport.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The INVITE client transaction of RFC 3261 §17.1.1 (Figure 5), with the Accepted state and Timer M
 * of RFC 6026 §7.2.
 *
 * <ol>
 * <li>Calling: the INVITE is sent; Timer A retransmits it (unreliable transports only) at T1, 2·T1,
 *     4·T1, ...; Timer B (64·T1) ends the transaction with a {@link TransactionFailure.Timeout}.</li>
 * <li>Proceeding: a 1xx arrived; retransmission stops. Provisional responses go to the TU.</li>
 * <li>Accepted (RFC 6026): a 2xx arrived and went to the TU; later 2xx (retransmissions, other forks)
 *     go to the TU too, which ACKs them. Timer M (64·T1) ends it.</li>
 * <li>Completed: a 300-699 arrived; the transaction sent the ACK (§17.1.1.3) and re-sends it for each
 *     retransmission of the response until Timer D (32 s, 0 on reliable transports).</li>
 * <li>Terminated: timers cancelled, removed from the table.</li>
 * </ol>
 *
 * <p>CANCEL (§9.1): {@link #cancel} sends it once a provisional response has arrived, waits for one
 * if none has, and does nothing after a final response. Sending it restarts Timer B, so that an
 * INVITE that never gets its 487 still ends after 64·T1 (§9.1: "the client SHOULD then consider the
 * original transaction cancelled").
 */
public final class ClientInviteTransaction extends AbstractClientTx<ClientInviteTransaction.State> {

    private static final Logger log = LoggerFactory.getLogger(ClientInviteTransaction.class);

    /** The states of Figure 5 and RFC 6026, in the only order they may be entered. */
    public enum State { CALLING, PROCEEDING, ACCEPTED, COMPLETED, TERMINATED }

    private Duration timerAInterval;
    private SipRequest ack;
    private String pendingCancelReason;
    private boolean cancelSent;

    public ClientInviteTransaction(TransactionHost host, SipRequest request, Destination destination,
                                   ClientTransactionListener listener) {
        super(host, request, destination, listener, new ClientKey(request.topVia().branch(), SipRequest.INVITE),
                State.CALLING, State.TERMINATED);
    }

    @Override
    public void start() {
        // §17.1.1.2: "If an unreliable transport is being used, the client transaction MUST start timer A."
        if (!destination.isReliable()) {
            timerAInterval = host.timers().timerA();
            timers.start(TimerName.A, timerAInterval);
        }
        timers.start(TimerName.B, host.timers().timerB());
        send(request);
    }

    @Override
    public void onResponse(SipResponse response) {
        switch (state) {
            case CALLING, PROCEEDING -> {
                if (response.isProvisional()) {
                    if (state == State.CALLING) {
                        transitionTo(State.PROCEEDING, response.status() + " received");
                    }
                    listener.onProvisionalResponse(this, response);
                    sendPendingCancel();
                } else if (response.isSuccess()) {
                    transitionTo(State.ACCEPTED, response.status() + " received");
                    timers.start(TimerName.M, host.timers().timerM());
                    listener.onFinalResponse(this, response);
                } else {
                    ack = createAck(response);
                    send(ack);
                    transitionTo(State.COMPLETED, response.status() + " received");
                    startOrFire(TimerName.D, host.timers().timerD(destination.isReliable()));
                    listener.onFinalResponse(this, response);
                }
            }
            case ACCEPTED -> {
                if (response.isSuccess()) {
                    // RFC 6026 §7.2: 2xx retransmissions and other forks' 2xx go to the TU, which ACKs them.
                    listener.on2xxRetransmission(this, response);
                } else {
                    log.debug("tx {} absorbed late {} in Accepted", key, response.status());
                }
            }
            case COMPLETED -> {
                if (response.statusClass() >= 3) {
                    // §17.1.1.2: "Any retransmissions of the final response ... MUST cause the ACK to be re-passed"
                    send(ack);
                } else {
                    log.debug("tx {} absorbed late {} in Completed", key, response.status());
                }
            }
            case TERMINATED -> unexpected("response " + response.status());
        }
    }

    @Override
    void onTimer(TimerName timer) {
        switch (state) {
            case CALLING -> {
                if (timer == TimerName.A) {
                    send(request);
                    timerAInterval = host.timers().next(timerAInterval, false);
                    timers.start(TimerName.A, timerAInterval);
                } else if (timer == TimerName.B) {
                    timeout(timer);
                } else {
                    unexpected("Timer " + timer);
                }
            }
            case PROCEEDING -> {
                if (timer == TimerName.B && cancelSent) {
                    timeout(timer);
                } else {
                    unexpected("Timer " + timer);
                }
            }
            case ACCEPTED -> {
                if (timer == TimerName.M) {
                    transitionTo(State.TERMINATED, "Timer M");
                } else {
                    unexpected("Timer " + timer);
                }
            }
            case COMPLETED -> {
                if (timer == TimerName.D) {
                    transitionTo(State.TERMINATED, "Timer D");
                } else {
                    unexpected("Timer " + timer);
                }
            }
            case TERMINATED -> unexpected("Timer " + timer);
        }
    }

    void onTransportError(String reason) {
        switch (state) {
            case CALLING, PROCEEDING -> {
                // §17.1.1.2, §8.1.3.1: a transport error is reported as a 503 outcome.
                transitionTo(State.TERMINATED, "transport error: " + reason);
                listener.onFailure(this, new TransactionFailure.TransportError(reason));
            }
            case COMPLETED -> transitionTo(State.TERMINATED, "transport error sending ACK: " + reason);
            case ACCEPTED, TERMINATED -> log.debug("tx {} transport error in {} ignored: {}", key, state, reason);
        }
    }

    @Override
    public void cancel(String reasonHeader) {
        switch (state) {
            case CALLING -> {
                // §9.1: "the client MUST wait for the arrival of a provisional response before sending the CANCEL"
                if (pendingCancelReason == null && !cancelSent) {
                    pendingCancelReason = reasonHeader == null ? "" : reasonHeader;
                    log.debug("tx {} CANCEL deferred until a provisional response arrives", key);
                }
            }
            case PROCEEDING -> {
                pendingCancelReason = reasonHeader == null ? "" : reasonHeader;
                sendPendingCancel();
            }
            case ACCEPTED, COMPLETED, TERMINATED ->
                    log.debug("tx {} CANCEL in {} has no effect: a final response has arrived", key, state);
        }
    }

    private void sendPendingCancel() {
        if (pendingCancelReason == null || cancelSent) {
            return;
        }
        SipRequest cancel = createCancel(pendingCancelReason);
        pendingCancelReason = null;
        cancelSent = true;
        timers.start(TimerName.B, host.timers().timerB());
        host.startCancel(cancel, destination);
    }

    /** §9.1: same Request-URI, Call-ID, To, From, CSeq number and top Via as the INVITE; Route copied. */
    private SipRequest createCancel(String reason) {
        SipRequest.Builder b = SipRequest.builder(SipRequest.CANCEL, request.requestUri())
                .add(HeaderNames.VIA, request.headerValues(HeaderNames.VIA).get(0))
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, request.header(HeaderNames.FROM))
                .add(HeaderNames.TO, request.header(HeaderNames.TO))
                .add(HeaderNames.CALL_ID, request.callId())
                .add(HeaderNames.CSEQ, request.cseq().sequence() + " " + SipRequest.CANCEL);
        for (String route : request.headerValues(HeaderNames.ROUTE)) {
            b.add(HeaderNames.ROUTE, route);
        }
        if (!reason.isEmpty()) {
            b.add(HeaderNames.REASON, reason);
        }
        return b.build();
    }

    /**
     * §17.1.1.3: Request-URI, Call-ID, From and CSeq number of the INVITE, To of the response, one Via
     * equal to the INVITE's top Via, CSeq method ACK, and the INVITE's Route headers.
     */
    private SipRequest createAck(SipResponse response) {
        SipRequest.Builder b = SipRequest.builder(SipRequest.ACK, request.requestUri())
                .add(HeaderNames.VIA, request.headerValues(HeaderNames.VIA).get(0))
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, request.header(HeaderNames.FROM))
                .add(HeaderNames.TO, response.header(HeaderNames.TO))
                .add(HeaderNames.CALL_ID, request.callId())
                .add(HeaderNames.CSEQ, request.cseq().sequence() + " " + SipRequest.ACK);
        for (String route : request.headerValues(HeaderNames.ROUTE)) {
            b.add(HeaderNames.ROUTE, route);
        }
        return b.build();
    }

    private void timeout(TimerName timer) {
        transitionTo(State.TERMINATED, "Timer " + timer);
        listener.onFailure(this, new TransactionFailure.Timeout(timer.name()));
    }

    private void startOrFire(TimerName timer, Duration d) {
        if (d.isZero()) {
            // Reliable transports: "Timer D ... zero seconds", i.e. Terminated at once.
            transitionTo(State.TERMINATED, "Timer " + timer + " (0 s, reliable transport)");
        } else {
            timers.start(timer, d);
        }
    }

    private void send(SipRequest message) {
        destination.send(host.transport(), message, reason -> host.scheduler().execute(() -> onTransportError(reason)));
    }

    private void transitionTo(State next, String cause) {
        if (next.ordinal() <= state.ordinal()) {
            throw new IllegalStateException("tx " + key + ": refusing to go from " + state + " back to " + next + " on " + cause);
        }
        log.debug("tx {} {} -> {} ({})", key, state, next, cause);
        State old = state;
        state = next;
        switch (next) {
            case PROCEEDING -> {
                timers.cancel(TimerName.A);
                // Figure 5: Timer B only guards the Calling state; the TU's own timer (Timer C) covers Proceeding.
                timers.cancel(TimerName.B);
            }
            case ACCEPTED, COMPLETED -> {
                timers.cancel(TimerName.A);
                timers.cancel(TimerName.B);
            }
            case TERMINATED -> {
                timers.cancelAll();
                host.clientTerminated(this);
            }
            case CALLING -> throw new IllegalStateException("tx " + key + ": Calling is only initial, not from " + old);
        }
    }

}
