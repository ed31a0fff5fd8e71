package org.opencpm.sip.transport;

import java.net.InetSocketAddress;

/**
 * A transport-level path to a peer, in the sense of RFC 5626: for UDP the (local, remote) address
 * pair, for connection-oriented transports one connection. A response or a request to a registered
 * client is sent on the flow its request or registration came on while that flow is open
 * (RFC 3261 §18.2.2, RFC 5626 §5.3).
 */
public interface Flow {

    Transport transport();

    InetSocketAddress local();

    InetSocketAddress remote();

    /** False once a connection has closed; a UDP flow is always open. */
    boolean isOpen();

    /** The target that reaches the remote end of this flow if a new connection must be made. */
    default Target target() {
        return new Target(transport(), remote());
    }
}
