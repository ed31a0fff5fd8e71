package org.opencpm.msrp;

/**
 * Which side opens the TCP connection (RFC 6135 {@code a=setup}); the other side listens.
 * {@code actpass} in an offer is resolved by the answer: see {@link org.opencpm.msrp.sdp.MsrpMedia}.
 */
public enum SetupRole {
    /** This endpoint connects to the first URI of the remote path, then sends a bodiless SEND to bind. */
    ACTIVE,
    /** This endpoint waits for the peer to connect and bind the session with its first request. */
    PASSIVE
}
