package org.opencpm.sip.transport;

import java.util.Locale;

/** The SIP transports (RFC 3261 §18, RFC 7118). UDP and TCP run today; TLS and WebSocket are designed in. */
public enum Transport {
    UDP(false, 5060),
    TCP(true, 5060),
    TLS(true, 5061),
    WS(true, 80),
    WSS(true, 443);

    private final boolean reliable;
    private final int defaultPort;

    Transport(boolean reliable, int defaultPort) {
        this.reliable = reliable;
        this.defaultPort = defaultPort;
    }

    /** Reliable transports do not retransmit and run Timers D, I, J and K at zero (RFC 3261 §17). */
    public boolean isReliable() {
        return reliable;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The name in a Via header: "UDP", "TCP", ... */
    public String viaName() {
        return name();
    }

    /** Parses a Via transport or a URI transport parameter, case-insensitively. */
    public static Transport parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown SIP transport '" + name + "'");
        }
    }
}
