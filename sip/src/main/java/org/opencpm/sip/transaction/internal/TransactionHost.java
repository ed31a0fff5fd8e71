package org.opencpm.sip.transaction.internal;

import org.opencpm.common.time.Scheduler;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.transaction.SipTimers;
import org.opencpm.sip.transaction.TransactionUser;
import org.opencpm.sip.transport.SipTransportLayer;

/**
 * What the transaction state machines need from the transaction layer that owns them: the transport,
 * the scheduler, the timer values, the TU, and the transaction tables they leave when Terminated.
 */
public interface TransactionHost {

    SipTransportLayer transport();

    Scheduler scheduler();

    SipTimers timers();

    TransactionUser tu();

    /**
     * Reports an event a transaction's state cannot take (a timer in the wrong state, an event after
     * Terminated): logged with the key, state and event, and counted so tests can fail on it.
     */
    void unexpected(Object key, Enum<?> state, String event);

    /** Removes a Terminated client transaction from the table. */
    void clientTerminated(ClientTx tx);

    /** Removes a Terminated server transaction from the tables and tells the TU. */
    void serverTerminated(ServerTx tx);

    /**
     * Runs a CANCEL for a pending INVITE in its own client non-INVITE transaction (RFC 3261 §9.1).
     * The CANCEL already carries the INVITE's top Via, so no Via is pushed.
     */
    void startCancel(SipRequest cancel, Destination destination);
}
