package org.opencpm.sip.transport;

import java.net.InetSocketAddress;
import org.opencpm.sip.message.Via;

/** Where a response goes, per RFC 3261 §18.2.2 and RFC 3581 §4. A pure function, shared by all transports. */
public final class ResponseRouting {

    private ResponseRouting() {
    }

    /**
     * The target for a response whose top Via is {@code top} (as stamped with received/rport on
     * receipt), when the request's connection (if any) is no longer usable.
     *
     * <ul>
     * <li>maddr present (unreliable): to maddr, the sent-by port or the default port;</li>
     * <li>unreliable transport and rport with a value: to received (or the sent-by host) and rport, the source
     *     the request came from (RFC 3581 §4 applies it to unreliable transports only);</li>
     * <li>received present: to received and the sent-by port (default 5060);</li>
     * <li>else to sent-by.</li>
     * </ul>
     */
    public static Target target(Via top) {
        Transport t = Transport.parse(top.transport());
        int sentByPort = top.port() >= 0 ? top.port() : t.defaultPort();
        String maddr = top.params().get("maddr").orElse(null);
        if (maddr != null && !t.isReliable()) {
            return new Target(t, InetSocketAddress.createUnresolved(stripBrackets(maddr), sentByPort));
        }
        String host = top.received() != null ? top.received() : top.host();
        int port = top.rport() > 0 && !t.isReliable() ? top.rport() : sentByPort;
        return new Target(t, unresolved(stripBrackets(host), port));
    }

    private static InetSocketAddress unresolved(String host, int port) {
        // Literal addresses resolve without DNS; names stay unresolved for the transport to resolve off-thread.
        if (isLiteral(host)) {
            return new InetSocketAddress(host, port);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /**
     * Whether {@code host} is an IP literal, which {@link java.net.InetAddress} parses without DNS: an IPv6
     * address (any colon: an invalid one fails at once), or exactly four dotted decimal octets. Other
     * digits and dots ({@code 999.1.1.1}, {@code 1.2.3.4.5}) are names to {@code InetAddress}, which
     * would look them up (blocking the SIP thread on a host a peer chose).
     */
    /**
     * True if {@code host} (brackets already stripped) is an IP address literal: anything with a colon
     * (IPv6), or exactly four decimal octets 0-255. Only a literal may be turned into an address on a
     * protocol thread; anything else would be a DNS look-up.
     */
    public static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        int octets = 0;
        int value = -1;
        for (int i = 0; i <= host.length(); i++) {
            char c = i < host.length() ? host.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || ++octets > 4) {
                    return false;
                }
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return octets == 4;
    }

    /** The host without the brackets of an IPv6 reference. */
    public static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
