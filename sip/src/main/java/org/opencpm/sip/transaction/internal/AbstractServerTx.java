package org.opencpm.sip.transaction.internal;

import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.transport.Flow;

/**
 * What the two server transaction machines (Figures 7 and 8) share: the request, the flow it came on,
 * the key, the timers and the state, with the accessors of {@link ServerTx}. The state logic stays in
 * each machine.
 *
 * @param <S> the machine's own state enum, named as in its RFC figure
 */
abstract class AbstractServerTx<S extends Enum<S>> implements ServerTx {

    final TransactionHost host;
    final SipRequest request;
    final Flow flow;
    final Object key;
    final TimerSet timers;
    private final S terminated;
    S state;

    AbstractServerTx(TransactionHost host, SipRequest request, Flow flow, Object key, S initial, S terminated) {
        this.host = host;
        this.request = request;
        this.flow = flow;
        this.key = key;
        this.state = initial;
        this.terminated = terminated;
        this.timers = new TimerSet(host.scheduler(), this::onTimer);
    }

    /** A timer of this machine fired. */
    abstract void onTimer(TimerName timer);

    /** An event this state cannot take: a bug above or in this machine, never a network oddity. */
    final void unexpected(String event) {
        host.unexpected(key, state, event);
    }

    @Override
    public final Object key() {
        return key;
    }

    @Override
    public final String branch() {
        return request.topVia().branch();
    }

    @Override
    public final SipRequest request() {
        return request;
    }

    @Override
    public final Flow flow() {
        return flow;
    }

    public final S state() {
        return state;
    }

    @Override
    public final String stateName() {
        return States.rfcName(state);
    }

    @Override
    public final boolean isTerminated() {
        return state == terminated;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + key + " " + state + "]";
    }
}
