package org.opencpm.sip.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.message.Via;

/**
 * The receiver's marks on the top Via of a request (RFC 3261 §18.2.1, RFC 3581 §4). A pure function,
 * shared by all transports.
 *
 * <ul>
 * <li>{@code received} is set to the source IP address when it differs from the sent-by host (a
 *     host name always differs);</li>
 * <li>an {@code rport} without a value is set to the source port, and then {@code received} is set
 *     as well, even when it equals the sent-by host.</li>
 * </ul>
 */
public final class ViaStamping {

    private ViaStamping() {
    }

    /** The top Via as the receiver marks it; the same instance if nothing changes. */
    public static Via stamp(Via top, InetSocketAddress source) {
        InetAddress ip = source.getAddress();
        if (ip == null) {
            return top;
        }
        Via v = top;
        boolean fillRport = top.hasRport() && top.rport() < 0;
        if (fillRport || !sameAddress(top.host(), ip)) {
            v = v.withParam("received", hostAddress(ip));
        }
        if (fillRport) {
            v = v.withParam("rport", Integer.toString(source.getPort()));
        }
        return v;
    }

    /** {@code message} with its top Via stamped; the same instance if nothing changes. */
    public static <M extends SipMessage> M stamp(M message, InetSocketAddress source) {
        Via top = message.topVia();
        Via stamped = stamp(top, source);
        if (stamped == top) {
            return message;
        }
        return replaceTopVia(message, stamped);
    }

    @SuppressWarnings("unchecked")
    private static <M extends SipMessage> M replaceTopVia(M message, Via via) {
        if (message instanceof org.opencpm.sip.message.SipRequest r) {
            return (M) r.toBuilder().removeFirstValue(HeaderNames.VIA).addFirst(HeaderNames.VIA, via).build();
        }
        org.opencpm.sip.message.SipResponse r = (org.opencpm.sip.message.SipResponse) message;
        return (M) r.toBuilder().removeFirstValue(HeaderNames.VIA).addFirst(HeaderNames.VIA, via).build();
    }

    /** The address as a Via received value: no brackets, no IPv6 scope (RFC 5118 §4.5). */
    static String hostAddress(InetAddress ip) {
        String s = ip.getHostAddress();
        int pct = s.indexOf('%');
        return pct >= 0 ? s.substring(0, pct) : s;
    }

    private static boolean sameAddress(String sentByHost, InetAddress ip) {
        String host = ResponseRouting.stripBrackets(sentByHost);
        if (!ResponseRouting.isLiteral(host)) {
            return false;
        }
        try {
            // A literal parses without a DNS look-up.
            return InetAddress.getByName(host).equals(ip);
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
