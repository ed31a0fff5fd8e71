package org.opencpm.server.edge;

import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.transaction.ClientTransaction;
import org.opencpm.sip.transaction.ClientTransactionListener;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.Target;

/** What the edge needs of the transaction layer to send requests onward (the TransactionLayer implements it by method reference). */
public interface Forwarder {

    ClientTransaction sendRequest(SipRequest request, Target target, ClientTransactionListener listener);

    ClientTransaction sendRequest(SipRequest request, Flow flow, ClientTransactionListener listener);

    void sendAck(SipRequest ack, Target target);

    void sendAck(SipRequest ack, Flow flow);
}
