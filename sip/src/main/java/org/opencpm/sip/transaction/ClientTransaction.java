package org.opencpm.sip.transaction;

import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.transport.Target;

/**
 * A client transaction (RFC 3261 §17.1): the INVITE one of Figure 5 with RFC 6026's Accepted state,
 * or the non-INVITE one of Figure 6. Created by {@link TransactionLayer#sendRequest}.
 *
 * <p>Once a provisional response has arrived, an INVITE transaction waits for the final response as
 * long as it takes: in Figure 5 Timer B guards the Calling state only. The TU bounds that wait itself
 * (a proxy's Timer C, §16.6 step 11; a UAC's Expires) and then calls {@link #cancel}, which restarts
 * Timer B so the transaction still ends if the 487 never comes.
 */
public interface ClientTransaction {

    /** The transaction id: the branch of the Via this hop added. */
    String branch();

    /** The request as sent, with our Via on top. */
    SipRequest request();

    Target target();

    /** The state name of RFC 3261 / RFC 6026: Calling, Trying, Proceeding, Accepted, Completed, Terminated. */
    String stateName();

    boolean isTerminated();

    /**
     * Cancels a pending INVITE (RFC 3261 §9.1): sends a CANCEL in its own non-INVITE transaction once a
     * provisional response has arrived (at once if one has), and does nothing if a final response
     * has arrived. The INVITE transaction then normally ends with a 487.
     */
    void cancel(String reasonHeader);
}
