package org.opencpm.sip.transaction.internal;

import java.time.Duration;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.Inbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The non-INVITE server transaction of RFC 3261 §17.2.2 (Figure 8).
 *
 * <ol>
 * <li>Trying: the request went to the TU; retransmissions are absorbed.</li>
 * <li>Proceeding: the TU sent a 1xx; a retransmission re-sends it.</li>
 * <li>Completed: the TU sent a final response; a retransmission re-sends it, until Timer J
 *     (64·T1, 0 on reliable transports).</li>
 * <li>Terminated: timers cancelled, removed from the tables, the TU told.</li>
 * </ol>
 */
public final class ServerNonInviteTransaction extends AbstractServerTx<ServerNonInviteTransaction.State> {

    private static final Logger log = LoggerFactory.getLogger(ServerNonInviteTransaction.class);

    /** The states of Figure 8, in the only order they may be entered. */
    public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    private SipResponse lastResponse;

    public ServerNonInviteTransaction(TransactionHost host, SipRequest request, Flow flow, Object key) {
        super(host, request, flow, key, State.TRYING, State.TERMINATED);
    }

    @Override
    public void respond(SipResponse response) {
        switch (state) {
            case TRYING, PROCEEDING -> {
                lastResponse = response;
                send(response);
                if (response.isFinal()) {
                    transitionTo(State.COMPLETED, "TU sent " + response.status());
                    Duration j = host.timers().timerJ(flow.transport().isReliable());
                    if (j.isZero()) {
                        transitionTo(State.TERMINATED, "Timer J (0 s, reliable transport)");
                    } else {
                        timers.start(TimerName.J, j);
                    }
                } else if (state == State.TRYING) {
                    transitionTo(State.PROCEEDING, "TU sent " + response.status());
                }
            }
            case COMPLETED -> throw new IllegalStateException("tx " + key + " in " + stateName() + " cannot send "
                    + response.status());
            case TERMINATED -> {
                if (lastResponse != null && lastResponse.isFinal()) {
                    throw new IllegalStateException("tx " + key + " in " + stateName() + " cannot send " + response.status());
                }
                // §17.2.4: the transport failed before any final response; the TU learns it from onTerminated.
                log.debug("tx {} ended by a transport error; {} dropped", key, response.status());
            }
        }
    }

    @Override
    public void onRequestRetransmission(Inbound retransmission) {
        switch (state) {
            case TRYING -> log.trace("tx {} absorbed retransmission in Trying", key);
            case PROCEEDING, COMPLETED -> send(lastResponse);
            case TERMINATED -> unexpected("request retransmission");
        }
    }

    @Override
    void onTimer(TimerName timer) {
        switch (state) {
            case COMPLETED -> {
                if (timer == TimerName.J) {
                    transitionTo(State.TERMINATED, "Timer J");
                } else {
                    unexpected("Timer " + timer);
                }
            }
            case TRYING, PROCEEDING, TERMINATED -> unexpected("Timer " + timer);
        }
    }

    void onTransportError(String reason) {
        switch (state) {
            // §17.2.4: the response cannot be delivered; inform the TU and end.
            case TRYING, PROCEEDING, COMPLETED -> transitionTo(State.TERMINATED, "transport error: " + reason);
            case TERMINATED -> log.debug("tx {} transport error after Terminated ignored: {}", key, reason);
        }
    }

    @Override
    public void markCancelled() {
        // RFC 3261 §9.2: a CANCEL of a non-INVITE request has no effect on it.
    }

    @Override
    public boolean isPending() {
        return state == State.TRYING || state == State.PROCEEDING;
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
            case TERMINATED -> {
                timers.cancelAll();
                host.serverTerminated(this);
            }
            case TRYING, PROCEEDING, COMPLETED -> {
                // Timer J is started by the caller once Completed is entered.
            }
        }
    }

    public SipResponse lastResponse() {
        return lastResponse;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

}
