package org.opencpm.sip.transaction;

import java.time.Duration;

/**
 * The timer base values of RFC 3261 §17 (Table 4) and the timers derived from them, with RFC 6026's
 * Timers L and M. Every transaction reads its durations from one instance.
 *
 * @param t1 RTT estimate, default 500 ms
 * @param t2 maximum retransmit interval for non-INVITE requests and INVITE responses, default 4 s
 * @param t4 maximum duration a message remains in the network, default 5 s
 */
public record SipTimers(Duration t1, Duration t2, Duration t4) {

    public static final SipTimers DEFAULT = new SipTimers(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));

    public SipTimers {
        if (t1.isZero() || t1.isNegative() || t2.compareTo(t1) < 0 || t4.isNegative()) {
            throw new IllegalArgumentException("bad SIP timer values T1=" + t1 + " T2=" + t2 + " T4=" + t4);
        }
    }

    /** 64*T1: Timers B, F, H, J (unreliable), L and M. */
    public Duration sixtyFourT1() {
        return t1.multipliedBy(64);
    }

    /** Timer A (INVITE request retransmit), initial value T1; doubles each time. */
    public Duration timerA() {
        return t1;
    }

    /** Timer B (INVITE transaction timeout): 64*T1. */
    public Duration timerB() {
        return sixtyFourT1();
    }

    /** Timer D (wait time for response retransmits): at least 32 s for UDP, 0 for reliable transports. */
    public Duration timerD(boolean reliable) {
        if (reliable) {
            return Duration.ZERO;
        }
        Duration d = Duration.ofSeconds(32);
        return d.compareTo(sixtyFourT1()) > 0 ? d : sixtyFourT1();
    }

    /** Timer E (non-INVITE request retransmit), initial T1, doubling up to T2. */
    public Duration timerE() {
        return t1;
    }

    /** Timer F (non-INVITE transaction timeout): 64*T1. */
    public Duration timerF() {
        return sixtyFourT1();
    }

    /** Timer G (INVITE response retransmit), initial T1, doubling up to T2. */
    public Duration timerG() {
        return t1;
    }

    /** Timer H (wait time for ACK receipt): 64*T1. */
    public Duration timerH() {
        return sixtyFourT1();
    }

    /** Timer I (wait time for ACK retransmits): T4 for UDP, 0 for reliable. */
    public Duration timerI(boolean reliable) {
        return reliable ? Duration.ZERO : t4;
    }

    /** Timer J (wait time for non-INVITE request retransmits): 64*T1 for UDP, 0 for reliable. */
    public Duration timerJ(boolean reliable) {
        return reliable ? Duration.ZERO : sixtyFourT1();
    }

    /** Timer K (wait time for response retransmits): T4 for UDP, 0 for reliable. */
    public Duration timerK(boolean reliable) {
        return reliable ? Duration.ZERO : t4;
    }

    /** Timer L (RFC 6026: wait time for accepted INVITE request retransmits at the server): 64*T1. */
    public Duration timerL() {
        return sixtyFourT1();
    }

    /** Timer M (RFC 6026: wait time for retransmission of 2xx to INVITE at the client): 64*T1. */
    public Duration timerM() {
        return sixtyFourT1();
    }

    /** The next retransmit interval after {@code current}: doubled, capped at T2 where {@code capped}. */
    public Duration next(Duration current, boolean capped) {
        Duration d = current.multipliedBy(2);
        return capped && d.compareTo(t2) > 0 ? t2 : d;
    }
}
