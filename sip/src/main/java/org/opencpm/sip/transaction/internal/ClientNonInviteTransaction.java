package org.opencpm.sip.transaction.internal;

import java.time.Duration;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transaction.ClientTransactionListener;
import org.opencpm.sip.transaction.TransactionFailure;
import org.opencpm.sip.transport.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The non-INVITE client transaction of RFC 3261 §17.1.2 (Figure 6); also runs CANCEL (§9.1).
 *
 * <ol>
 * <li>Trying: the request is sent; Timer E retransmits it (unreliable transports only) at T1, then
 *     doubling up to T2; Timer F (64·T1) ends the transaction with a {@link TransactionFailure.Timeout}.</li>
 * <li>Proceeding: a 1xx arrived; Timer E keeps retransmitting, every T2.</li>
 * <li>Completed: a final response arrived and went to the TU; response retransmissions are absorbed
 *     until Timer K (T4, 0 on reliable transports).</li>
 * <li>Terminated: timers cancelled, removed from the table.</li>
 * </ol>
 */
public final class ClientNonInviteTransaction extends AbstractClientTx<ClientNonInviteTransaction.State> {

    private static final Logger log = LoggerFactory.getLogger(ClientNonInviteTransaction.class);

    /** The states of Figure 6, in the only order they may be entered. */
    public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    private Duration timerEInterval;

    public ClientNonInviteTransaction(TransactionHost host, SipRequest request, Destination destination,
                                      ClientTransactionListener listener) {
        super(host, request, destination, listener, new ClientKey(request.topVia().branch(), request.method()),
                State.TRYING, State.TERMINATED);
    }

    @Override
    public void start() {
        // §17.1.2.2: Timer E only "if an unreliable transport is in use".
        if (!destination.isReliable()) {
            timerEInterval = host.timers().timerE();
            timers.start(TimerName.E, timerEInterval);
        }
        timers.start(TimerName.F, host.timers().timerF());
        send();
    }

    @Override
    public void onResponse(SipResponse response) {
        switch (state) {
            case TRYING, PROCEEDING -> {
                if (response.isProvisional()) {
                    if (state == State.TRYING) {
                        transitionTo(State.PROCEEDING, response.status() + " received");
                    }
                    listener.onProvisionalResponse(this, response);
                } else {
                    transitionTo(State.COMPLETED, response.status() + " received");
                    Duration k = host.timers().timerK(destination.isReliable());
                    if (k.isZero()) {
                        // §17.1.2.2: on a reliable transport Timer K is zero, Terminated at once.
                        transitionTo(State.TERMINATED, "Timer K (0 s, reliable transport)");
                    } else {
                        timers.start(TimerName.K, k);
                    }
                    listener.onFinalResponse(this, response);
                }
            }
            case COMPLETED -> log.trace("tx {} absorbed retransmitted {} in Completed", key, response.status());
            case TERMINATED -> unexpected("response " + response.status());
        }
    }

    @Override
    void onTimer(TimerName timer) {
        switch (state) {
            case TRYING, PROCEEDING -> {
                if (timer == TimerName.E) {
                    send();
                    // §17.1.2.2: in Trying the interval doubles up to T2; in Proceeding it is T2.
                    timerEInterval = state == State.TRYING
                            ? host.timers().next(timerEInterval, true) : host.timers().t2();
                    timers.start(TimerName.E, timerEInterval);
                } else if (timer == TimerName.F) {
                    transitionTo(State.TERMINATED, "Timer F");
                    listener.onFailure(this, new TransactionFailure.Timeout(timer.name()));
                } else {
                    unexpected("Timer " + timer);
                }
            }
            case COMPLETED -> {
                if (timer == TimerName.K) {
                    transitionTo(State.TERMINATED, "Timer K");
                } else {
                    unexpected("Timer " + timer);
                }
            }
            case TERMINATED -> unexpected("Timer " + timer);
        }
    }

    void onTransportError(String reason) {
        switch (state) {
            case TRYING, PROCEEDING -> {
                transitionTo(State.TERMINATED, "transport error: " + reason);
                listener.onFailure(this, new TransactionFailure.TransportError(reason));
            }
            case COMPLETED, TERMINATED -> log.debug("tx {} transport error in {} ignored: {}", key, state, reason);
        }
    }

    /** RFC 3261 §9.1: a CANCEL of a non-INVITE request is pointless; it is not sent. */
    @Override
    public void cancel(String reasonHeader) {
        log.debug("tx {} CANCEL of a non-INVITE request ignored (RFC 3261 §9.1)", key);
    }

    private void send() {
        destination.send(host.transport(), request, reason -> host.scheduler().execute(() -> onTransportError(reason)));
    }

    private void transitionTo(State next, String cause) {
        if (next.ordinal() <= state.ordinal()) {
            throw new IllegalStateException("tx " + key + ": refusing to go from " + state + " back to " + next + " on " + cause);
        }
        log.debug("tx {} {} -> {} ({})", key, state, next, cause);
        state = next;
        switch (next) {
            case COMPLETED -> {
                timers.cancel(TimerName.E);
                timers.cancel(TimerName.F);
            }
            case TERMINATED -> {
                timers.cancelAll();
                host.clientTerminated(this);
            }
            case TRYING, PROCEEDING -> {
                // Proceeding keeps Timers E and F running (Figure 6).
            }
        }
    }

}
