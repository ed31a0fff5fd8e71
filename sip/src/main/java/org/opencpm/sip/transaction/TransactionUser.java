package org.opencpm.sip.transaction;

import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transport.Inbound;

/**
 * The layer above the transactions: a UA core, a proxy core, the registrar, the PF. Called on the
 * SIP owner thread; must not block.
 */
public interface TransactionUser {

    /** A new request other than ACK, in a new server transaction (retransmissions are absorbed below). */
    void onRequest(ServerTransaction tx, SipRequest request);

    /** An ACK that matches no server transaction: the ACK for a 2xx, which belongs to the dialog (RFC 3261 §17.2.3). */
    void onAck(Inbound ack);

    /**
     * A CANCEL matched a pending INVITE server transaction. The layer has answered the CANCEL with 200;
     * the TU answers the INVITE (normally 487) and cancels what it forked.
     */
    void onCancel(ServerTransaction inviteTx, SipRequest cancel);

    /**
     * A response that matches no client transaction (RFC 3261 §17.1.3). A stateful proxy forwards 2xx
     * to INVITE statelessly (§16.7); anything else is dropped by default.
     */
    default void onStrayResponse(Inbound response) {
    }

    /** A server transaction ended (Terminated), for bookkeeping such as leak checks. */
    default void onTerminated(ServerTransaction tx) {
    }
}
