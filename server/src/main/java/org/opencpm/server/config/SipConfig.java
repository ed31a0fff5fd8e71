package org.opencpm.server.config;

import java.time.Duration;

/**
 * SIP stack settings ({@code sip:}): the RFC 3261 timer base values and the limits on what a peer may
 * send. Defaults: T1 500 ms, T2 4 s, T4 5 s (RFC 3261 §17.1.1.1), 65535-byte messages, TCP connections
 * closed after 300 s without traffic or 10 s into an unfinished message (slowloris).
 *
 * @param t1               round-trip estimate; Timer A/E start at T1, Timer B/F/H/J are 64·T1
 * @param t2               cap on non-INVITE and INVITE-response retransmission intervals
 * @param t4               how long the network holds a message; Timer I/K
 * @param maxMessageSize   largest SIP message accepted, in bytes, start line, headers and body together
 * @param tcpIdleTimeout   a stream connection with no traffic for this long is closed
 * @param tcpHeaderTimeout a stream connection that started a message and has not completed it within this is closed
 */
public record SipConfig(Duration t1, Duration t2, Duration t4, int maxMessageSize,
                        Duration tcpIdleTimeout, Duration tcpHeaderTimeout) {
}
