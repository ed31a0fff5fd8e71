package org.opencpm.sip.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where to send a message: a transport and a resolved socket address. Static routes and
 * registered contacts resolve to targets; RFC 3263 look-ups (later) will too.
 */
public record Target(Transport transport, InetSocketAddress address) {

    public Target {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
    }

    public static Target of(Transport transport, String host, int port) {
        return new Target(transport, new InetSocketAddress(host, port));
    }

    /** Parses {@code udp:127.0.0.1:5060}, {@code tcp:[::1]:5070}. */
    public static Target parse(String text) {
        int c = text.indexOf(':');
        if (c < 0) {
            throw new IllegalArgumentException("expected transport:host:port, got '" + text + "'");
        }
        Transport t = Transport.parse(text.substring(0, c));
        String hp = text.substring(c + 1);
        int pc = hp.lastIndexOf(':');
        if (pc < 0 || (hp.startsWith("[") && pc < hp.indexOf(']'))) {
            throw new IllegalArgumentException("missing port in '" + text + "'");
        }
        String host = hp.substring(0, pc);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Target(t, new InetSocketAddress(host, Integer.parseInt(hp.substring(pc + 1))));
    }

    @Override
    public String toString() {
        String h = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        if (h.indexOf(':') >= 0) {
            h = "[" + h + "]";
        }
        return transport.name().toLowerCase(java.util.Locale.ROOT) + ":" + h + ":" + address.getPort();
    }
}
