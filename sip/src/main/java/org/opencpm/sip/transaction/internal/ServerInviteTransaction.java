package org.opencpm.sip.transaction.internal;

import java.time.Duration;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.Inbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The INVITE server transaction of RFC 3261 §17.2.1 (Figure 7), with the Accepted state and Timer L
 * of RFC 6026 §7.1.
 *
 * <ol>
 * <li>Proceeding: the INVITE went to the TU. If the TU has not answered within 200 ms the transaction
 *     sends 100 Trying itself. A retransmitted INVITE re-sends the last provisional response.</li>
 * <li>Accepted (RFC 6026): the TU sent a 2xx. INVITE retransmissions are absorbed; further 2xx from
 *     the TU (its own retransmissions) are sent as given. Timer L (64·T1) ends it.</li>
 * <li>Completed: the TU sent a 300-699. Timer G re-sends it (unreliable transports only) at T1,
 *     doubling up to T2, as does each INVITE retransmission; Timer H (64·T1) gives up on the ACK.</li>
 * <li>Confirmed: the ACK arrived; ACK retransmissions are absorbed until Timer I (T4, 0 reliable).</li>
 * <li>Terminated: timers cancelled, removed from the tables, the TU told.</li>
 * </ol>
 */
public final class ServerInviteTransaction extends AbstractServerTx<ServerInviteTransaction.State> {

    private static final Logger log = LoggerFactory.getLogger(ServerInviteTransaction.class);

    /** The states of Figure 7 and RFC 6026, in the only order they may be entered. */
    public enum State { PROCEEDING, ACCEPTED, COMPLETED, CONFIRMED, TERMINATED }

    /** §17.2.1: the 100 Trying goes out if the TU has not answered within 200 ms. */
    static final Duration TRYING_DELAY = Duration.ofMillis(200);

    private SipResponse lastResponse;
    private Duration timerGInterval;
    private boolean cancelled;

    public ServerInviteTransaction(TransactionHost host, SipRequest request, Flow flow, Object key) {
        super(host, request, flow, key, State.PROCEEDING, State.TERMINATED);
        timers.start(TimerName.TRYING_100, TRYING_DELAY);
    }

    @Override
    public void respond(SipResponse response) {
        switch (state) {
            case PROCEEDING -> {
                timers.cancel(TimerName.TRYING_100);
                lastResponse = response;
                send(response);
                if (response.isSuccess()) {
                    transitionTo(State.ACCEPTED, "TU sent " + response.status());
                    timers.start(TimerName.L, host.timers().timerL());
                } else if (response.isFinal()) {
                    transitionTo(State.COMPLETED, "TU sent " + response.status());
                    if (!flow.transport().isReliable()) {
                        timerGInterval = host.timers().timerG();
                        timers.start(TimerName.G, timerGInterval);
                    }
                    timers.start(TimerName.H, host.timers().timerH());
                }
            }
            case ACCEPTED, TERMINATED -> {
                if (response.isSuccess() && lastResponse != null && lastResponse.isSuccess()) {
                    // RFC 6026 §7.1: 2xx retransmissions are the TU's; the transaction passes them on.
                    send(response);
                } else if (state == State.TERMINATED && (lastResponse == null || !lastResponse.isFinal())) {
                    // §17.2.4: the transport failed before any final response; the TU learns it from onTerminated,
                    // and an answer it sends before then has nowhere to go.
                    log.debug("tx {} ended by a transport error; {} dropped", key, response.status());
                } else {
                    throw new IllegalStateException("tx " + key + " in " + stateName() + " cannot send " + response.status());
                }
            }
            case COMPLETED, CONFIRMED ->
                    throw new IllegalStateException("tx " + key + " in " + stateName() + " cannot send " + response.status());
        }
    }

    @Override
    public void onRequestRetransmission(Inbound retransmission) {
        switch (state) {
            case PROCEEDING -> {
                // §17.2.1: "the most recent provisional response that was received from the TU MUST be passed to the transport layer"
                if (lastResponse != null) {
                    send(lastResponse);
                }
            }
            case COMPLETED -> send(lastResponse);
            case ACCEPTED, CONFIRMED -> log.trace("tx {} absorbed INVITE retransmission in {}", key, state);
            case TERMINATED -> unexpected("INVITE retransmission");
        }
    }

    /** An ACK matched this transaction (§17.2.3: the ACK for a non-2xx final response). */
    public void onAck(Inbound ack) {
        switch (state) {
            case COMPLETED -> {
                transitionTo(State.CONFIRMED, "ACK received");
                Duration i = host.timers().timerI(flow.transport().isReliable());
                if (i.isZero()) {
                    transitionTo(State.TERMINATED, "Timer I (0 s, reliable transport)");
                } else {
                    timers.start(TimerName.I, i);
                }
            }
            case CONFIRMED -> log.trace("tx {} absorbed ACK retransmission", key);
            case ACCEPTED -> {
                // Only an RFC 2543 peer's ACK for the 2xx can match here; it belongs to the dialog.
                host.tu().onAck(ack);
            }
            case PROCEEDING -> log.debug("tx {} absorbed an ACK before any final response", key);
            case TERMINATED -> unexpected("ACK");
        }
    }

    @Override
    void onTimer(TimerName timer) {
        switch (state) {
            case PROCEEDING -> {
                if (timer == TimerName.TRYING_100) {
                    lastResponse = request.createResponse(100);
                    send(lastResponse);
                } else {
                    unexpected("Timer " + timer);
                }
            }
            case ACCEPTED -> {
                if (timer == TimerName.L) {
                    transitionTo(State.TERMINATED, "Timer L");
                } else {
                    unexpected("Timer " + timer);
                }
            }
            case COMPLETED -> {
                if (timer == TimerName.G) {
                    send(lastResponse);
                    timerGInterval = host.timers().next(timerGInterval, true);
                    timers.start(TimerName.G, timerGInterval);
                } else if (timer == TimerName.H) {
                    log.debug("tx {} no ACK for {} within Timer H", key, lastResponse.status());
                    transitionTo(State.TERMINATED, "Timer H");
                } else {
                    unexpected("Timer " + timer);
                }
            }
            case CONFIRMED -> {
                if (timer == TimerName.I) {
                    transitionTo(State.TERMINATED, "Timer I");
                } else {
                    unexpected("Timer " + timer);
                }
            }
            case TERMINATED -> unexpected("Timer " + timer);
        }
    }

    void onTransportError(String reason) {
        switch (state) {
            // §17.2.4: when the response cannot be delivered the transaction informs the TU and ends.
            case PROCEEDING, ACCEPTED, COMPLETED, CONFIRMED -> transitionTo(State.TERMINATED, "transport error: " + reason);
            case TERMINATED -> log.debug("tx {} transport error after Terminated ignored: {}", key, reason);
        }
    }

    @Override
    public void markCancelled() {
        cancelled = true;
    }

    @Override
    public boolean isPending() {
        return state == State.PROCEEDING;
    }

    private void send(SipResponse response) {
        host.transport().sendResponse(response, flow, reason -> host.scheduler().execute(() -> onTransportError(reason)));
    }

    private void transitionTo(State next, String cause) {
        if (next.ordinal() <= state.ordinal()) {
            throw new IllegalStateException("tx " + key + ": refusing to go from " + state + " back to " + next + " on " + cause);
        }
        log.debug("tx {} {} -> {} ({})", key, state, next, cause);
        state = next;
        switch (next) {
            case ACCEPTED, COMPLETED -> timers.cancel(TimerName.TRYING_100);
            case CONFIRMED -> {
                timers.cancel(TimerName.G);
                timers.cancel(TimerName.H);
            }
            case TERMINATED -> {
                timers.cancelAll();
                host.serverTerminated(this);
            }
            case PROCEEDING -> throw new IllegalStateException("tx " + key + ": Proceeding is only initial");
        }
    }

    /** The last response sent, or null. */
    public SipResponse lastResponse() {
        return lastResponse;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

}
