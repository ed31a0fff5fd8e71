package org.opencpm.sip.transaction.internal;

import org.opencpm.sip.transaction.ServerTransaction;
import org.opencpm.sip.transport.Inbound;

/** A server transaction as the transaction layer drives it. */
public interface ServerTx extends ServerTransaction {

    /** The table key (RFC 3261 §17.2.3 or its RFC 2543 fallback); for logs and removal. */
    Object key();

    /** A retransmission of the request matched this transaction. */
    void onRequestRetransmission(Inbound request);

    /** A matching CANCEL arrived; the layer has answered it. */
    void markCancelled();

    /** True while no final response has been sent (a CANCEL still has an effect). */
    boolean isPending();
}
