package org.opencpm.sip.transaction.internal;

import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transaction.ClientTransaction;

/** A client transaction as the transaction layer drives it. */
public interface ClientTx extends ClientTransaction {

    /** The table key: branch and CSeq method (RFC 3261 §17.1.3). */
    ClientKey key();

    /** Sends the request and starts the timers of the initial state. */
    void start();

    /** A response matched this transaction. */
    void onResponse(SipResponse response);

    /** The key of a client transaction: the top Via branch and the CSeq method (RFC 3261 §17.1.3). */
    record ClientKey(String branch, String method) {
        @Override
        public String toString() {
            return branch + "/" + method;
        }
    }
}
