package org.opencpm.sip.transaction;

import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transport.Flow;

/**
 * A server transaction (RFC 3261 §17.2): the INVITE one of Figure 7 with RFC 6026's Accepted state,
 * or the non-INVITE one of Figure 8. The transaction layer creates it for each new request and hands
 * it to the {@link TransactionUser}; the TU answers through {@link #respond}.
 */
public interface ServerTransaction {

    String branch();

    SipRequest request();

    /** The flow the request came on. */
    Flow flow();

    String stateName();

    boolean isTerminated();

    /** True once a matching CANCEL arrived (the layer answered it 200; the TU should answer 487). */
    boolean isCancelled();

    /**
     * Sends a response. The first final response moves the transaction on; a later response is
     * refused with {@link IllegalStateException} naming the state, except 2xx retransmissions of
     * an INVITE, which are the TU's (core's) business per RFC 6026 and are sent as given. A response
     * to a transaction that a transport error ended before any final response (§17.2.4; the TU is told
     * by {@link TransactionUser#onTerminated}) is dropped.
     */
    void respond(SipResponse response);
}
