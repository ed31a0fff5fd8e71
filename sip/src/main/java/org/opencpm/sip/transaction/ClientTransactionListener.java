package org.opencpm.sip.transaction;

import org.opencpm.sip.message.SipResponse;

/**
 * What a client transaction tells its transaction user. Called on the SIP owner thread; must not block.
 * Exactly one of {@link #onFinalResponse} (first final) or {@link #onFailure} ends a transaction's
 * outcome; for INVITE, 2xx retransmissions and further 2xx from other forks arrive through
 * {@link #on2xxRetransmission} while the transaction is in the Accepted state (RFC 6026).
 */
public interface ClientTransactionListener {

    /** A 1xx response. */
    default void onProvisionalResponse(ClientTransaction tx, SipResponse response) {
    }

    /** The first final response. For a non-2xx final to INVITE the transaction has already sent the ACK. */
    void onFinalResponse(ClientTransaction tx, SipResponse response);

    /**
     * A 2xx to INVITE received after the first final response (a retransmission, or another fork's 2xx):
     * the TU must ACK it (and, for another fork, BYE it).
     */
    default void on2xxRetransmission(ClientTransaction tx, SipResponse response) {
    }

    /** No final response: a timeout (408) or a transport error (503). */
    void onFailure(ClientTransaction tx, TransactionFailure failure);
}
