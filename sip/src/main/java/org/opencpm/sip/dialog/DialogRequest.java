package org.opencpm.sip.dialog;

import java.net.InetSocketAddress;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.message.Uri;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;

/**
 * A request built inside a dialog (RFC 3261 §12.2.1.1) and the URI it must be sent to: the first
 * Route for a loose router, the Request-URI otherwise (no route set, or a strict router whose URI the
 * Request-URI now holds). The request has no Via yet; the transaction layer pushes it.
 */
public record DialogRequest(SipRequest request, Uri nextHop) {

    /**
     * The next hop as a transport target, for a SIP URI whose host is an address literal or a name
     * the transport resolves: the {@code transport} parameter (UDP by default, TLS for sips), the
     * host (or {@code maddr}), and the port or the transport's default port. RFC 3263 look-ups are
     * not done here.
     *
     * @throws IllegalStateException if the next hop is not a SIP or SIPS URI
     */
    public Target target() {
        if (!(nextHop instanceof SipUri uri)) {
            throw new IllegalStateException("next hop is not a SIP URI: " + nextHop);
        }
        String t = uri.transport();
        Transport transport = t != null ? Transport.parse(t) : (uri.isSecure() ? Transport.TLS : Transport.UDP);
        String host = uri.param("maddr") != null ? uri.param("maddr") : uri.host();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.port() >= 0 ? uri.port() : transport.defaultPort();
        return new Target(transport, literal(host) ? new InetSocketAddress(host, port) : InetSocketAddress.createUnresolved(host, port));
    }

    private static boolean literal(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return !host.isEmpty();
    }
}
