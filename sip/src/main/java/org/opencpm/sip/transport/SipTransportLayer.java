package org.opencpm.sip.transport;

import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.message.SipResponse;

/**
 * The transport layer of RFC 3261 §18 as the transaction layer sees it. Implemented on Netty
 * sockets ({@code NettySipTransport}) and on the in-memory network of the test harness, so that
 * everything above runs the same on both.
 *
 * <p>The transport layer frames and parses, answers malformed requests itself (400 with the fault
 * as reason phrase, RFC 4475), drops malformed responses, stamps {@code received}/{@code rport} on
 * incoming requests, and routes responses per §18.2.2. All calls and callbacks happen on the SIP
 * owner thread (the scheduler given to the stack).
 */
public interface SipTransportLayer {

    /** Starts delivering received messages to {@code handler}. */
    void setHandler(InboundHandler handler);

    /** The sent-by to put in our Via for a request sent over {@code transport}. */
    HostPort sentBy(Transport transport);

    /** Sends a request (or an ACK, or a stateless response) to a target, reusing an open connection to it if there is one. */
    void send(SipMessage message, Target target, SendListener listener);

    /** Sends on a known flow if it is still open, else to {@code flow.target()} (a new connection for TCP). */
    void send(SipMessage message, Flow flow, SendListener listener);

    /**
     * Sends a response to the request that came on {@code requestFlow}, per RFC 3261 §18.2.2 and RFC 3581:
     * on the same connection if still open, else to the top Via's received/rport or sent-by.
     */
    void sendResponse(SipResponse response, Flow requestFlow, SendListener listener);
}
