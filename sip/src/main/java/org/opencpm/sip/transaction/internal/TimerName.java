package org.opencpm.sip.transaction.internal;

/**
 * The transaction timers of RFC 3261 §17 (Table 4) and RFC 6026 by their RFC names, plus the
 * 200 ms "send 100 Trying" rule of §17.2.1, which has no letter. Durations come from one
 * {@link org.opencpm.sip.transaction.SipTimers}. Timer C belongs to a proxy core (§16.6), not to
 * a transaction, and is not here.
 */
public enum TimerName {
    /** INVITE request retransmit (client, unreliable only): T1, doubling. */
    A,
    /** INVITE transaction timeout (client): 64·T1; restarted when a CANCEL is sent (§9.1). */
    B,
    /** Wait for response retransmits (client INVITE, Completed): ≥ 32 s unreliable, 0 reliable. */
    D,
    /** Non-INVITE request retransmit (client, unreliable only): T1, doubling up to T2. */
    E,
    /** Non-INVITE transaction timeout (client): 64·T1. */
    F,
    /** INVITE final response retransmit (server, unreliable only): T1, doubling up to T2. */
    G,
    /** Wait for ACK receipt (server INVITE, Completed): 64·T1. */
    H,
    /** Wait for ACK retransmits (server INVITE, Confirmed): T4 unreliable, 0 reliable. */
    I,
    /** Wait for non-INVITE request retransmits (server, Completed): 64·T1 unreliable, 0 reliable. */
    J,
    /** Wait for non-INVITE response retransmits (client, Completed): T4 unreliable, 0 reliable. */
    K,
    /** RFC 6026: wait for INVITE retransmits after a 2xx (server, Accepted): 64·T1. */
    L,
    /** RFC 6026: wait for 2xx retransmits (client INVITE, Accepted): 64·T1. */
    M,
    /** §17.2.1: an INVITE server transaction sends 100 Trying if the TU has not answered in 200 ms. */
    TRYING_100
}
