package org.opencpm.server.config;

import java.util.Locale;
import java.util.Objects;
import org.opencpm.server.config.internal.Syntax;

/**
 * A transport and a socket address, written {@code TRANSPORT:HOST:PORT} in the configuration:
 * {@code udp:127.0.0.1:5060}, {@code tcp:[::1]:5060}, {@code tls:sip.example.com:5061}. The host is kept
 * without IPv6 brackets; {@link #hostForUri()} adds them back.
 */
public record TransportAddress(Transport transport, String host, int port) {

    /** Transports a listener or next hop may use. MSRP listeners accept only {@code tcp} and {@code tls}. */
    public enum Transport {
        UDP, TCP, TLS, WS, WSS;

        /** The configuration spelling, such as {@code udp}. */
        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the transport is reliable (RFC 3261 §17: no retransmission timers A, E, G). */
        public boolean reliable() {
            return this != UDP;
        }
    }

    public TransportAddress {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1..65535");
        }
    }

    /**
     * Parses {@code TRANSPORT:HOST:PORT}.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static TransportAddress parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + text + "' has no transport prefix");
        }
        String t = text.substring(0, colon);
        Transport transport = null;
        for (Transport candidate : Transport.values()) {
            if (candidate.token().equals(t.toLowerCase(Locale.ROOT))) {
                transport = candidate;
            }
        }
        if (transport == null) {
            throw new IllegalArgumentException("'" + t + "' is not a known transport");
        }
        Syntax.HostAndPort hp = Syntax.hostAndPort(text.substring(colon + 1), true);
        return new TransportAddress(transport, hp.host(), hp.port());
    }

    /** The host as it goes in a URI or Via: IPv6 in brackets. */
    public String hostForUri() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** The configuration form, {@code udp:127.0.0.1:5060}. */
    @Override
    public String toString() {
        return transport.token() + ":" + hostForUri() + ":" + port;
    }
}
