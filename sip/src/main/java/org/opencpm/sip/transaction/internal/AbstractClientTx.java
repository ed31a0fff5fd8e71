package org.opencpm.sip.transaction.internal;

import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.transaction.ClientTransactionListener;
import org.opencpm.sip.transport.Target;

/**
 * What the two client transaction machines (Figures 5 and 6) share: the request, where it goes, the
 * listener, the key, the timers and the state, with the accessors of {@link ClientTx}. The state logic
 * stays in each machine.
 *
 * @param <S> the machine's own state enum, named as in its RFC figure
 */
abstract class AbstractClientTx<S extends Enum<S>> implements ClientTx {

    final TransactionHost host;
    final SipRequest request;
    final Destination destination;
    final ClientTransactionListener listener;
    final ClientKey key;
    final TimerSet timers;
    private final S terminated;
    S state;

    AbstractClientTx(TransactionHost host, SipRequest request, Destination destination, ClientTransactionListener listener,
                     ClientKey key, S initial, S terminated) {
        this.host = host;
        this.request = request;
        this.destination = destination;
        this.listener = listener;
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
    public final ClientKey key() {
        return key;
    }

    @Override
    public final String branch() {
        return key.branch();
    }

    @Override
    public final SipRequest request() {
        return request;
    }

    @Override
    public final Target target() {
        return destination.target();
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
