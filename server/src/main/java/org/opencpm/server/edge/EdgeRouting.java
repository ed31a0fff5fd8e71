package org.opencpm.server.edge;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.message.Uri;
import org.opencpm.sip.transport.HostPort;
import org.opencpm.sip.transport.ResponseRouting;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;

/**
 * The routing knowledge of the embedded SIP/IP core: which URIs are this server, which domain it
 * serves, the static routes to other domains, and how a next-hop URI becomes a {@link NextHop}
 * (a simplified RFC 3263: numeric hosts, static routes, registered contacts; no DNS).
 */
public final class EdgeRouting {

    private final String domain;
    private final Set<HostPort> localAddresses;
    private final Map<String, Target> routes;
    private final LocationService locations;

    /**
     * @param localAddresses every address a listener is bound to (the hosts and ports that mean "this server")
     * @param routes         static next hops by domain, lower case
     */
    public EdgeRouting(String domain, Set<HostPort> localAddresses, Map<String, Target> routes, LocationService locations) {
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.localAddresses = Set.copyOf(localAddresses);
        this.routes = Map.copyOf(routes);
        this.locations = locations;
    }

    public String domain() {
        return domain;
    }

    public boolean isServedDomain(String host) {
        return host.equalsIgnoreCase(domain);
    }

    /** True if the URI names this server: one of its addresses, or the bare served domain (no user part). */
    public boolean isMe(Uri uri) {
        if (!(uri instanceof SipUri s)) {
            return false;
        }
        if (s.rawUser() == null && isServedDomain(s.host())) {
            return true;
        }
        String host = ResponseRouting.stripBrackets(s.host());
        Transport t = s.transport() != null ? Transport.parse(s.transport()) : (s.isSecure() ? Transport.TLS : Transport.UDP);
        int port = s.port() >= 0 ? s.port() : t.defaultPort();
        for (HostPort hp : localAddresses) {
            if (hp.port() == port && sameHost(ResponseRouting.stripBrackets(hp.host()), host)) {
                return true;
            }
        }
        return false;
    }

    /** True if the URI is a user of the served domain ({@code sip:alice@example.com}). */
    public boolean isServedUser(Uri uri) {
        return uri instanceof SipUri s && s.rawUser() != null && isServedDomain(s.host());
    }

    /**
     * The next hops for a Request-URI or Route URI: the registered contacts of a served user (each over
     * the flow it registered on, RFC 5626), the static route of another domain, or the address a numeric
     * URI names. Empty if none is known.
     */
    public List<NextHop> resolve(Uri uri) {
        if (!(uri instanceof SipUri s)) {
            return List.of();
        }
        if (isServedUser(s)) {
            List<Binding> bs = locations.lookup(s);
            List<NextHop> hops = new ArrayList<>(bs.size());
            for (Binding b : bs) {
                hops.add(hopFor(b));
            }
            return hops;
        }
        Target route = routes.get(s.host().toLowerCase(Locale.ROOT));
        if (route != null) {
            return List.of(NextHop.of(route));
        }
        NextHop direct = direct(s);
        return direct == null ? List.of() : List.of(direct);
    }

    /** A next hop for a URI naming an address (a contact, a Route): the registered flow if it is a known contact. */
    public NextHop direct(SipUri s) {
        String host = ResponseRouting.stripBrackets(s.host());
        if (host.equalsIgnoreCase("localhost")) {
            host = "127.0.0.1";
        }
        if (!ResponseRouting.isLiteral(host)) {
            Target route = routes.get(host.toLowerCase(Locale.ROOT));
            return route == null ? null : NextHop.of(route);
        }
        Binding b = locations.findByContact(s);
        if (b != null) {
            return hopFor(b);
        }
        Transport t = s.transport() != null ? Transport.parse(s.transport()) : (s.isSecure() ? Transport.TLS : Transport.UDP);
        return NextHop.of(new Target(t, new InetSocketAddress(host, s.port() >= 0 ? s.port() : t.defaultPort())));
    }

    private static NextHop hopFor(Binding b) {
        SipUri c = b.contactUri();
        if (b.flow() != null && b.flow().isOpen() && b.flow().transport().isReliable()) {
            return new NextHop(b.flow().target(), b.flow(), c);
        }
        Transport t = c.transport() != null ? Transport.parse(c.transport()) : (c.isSecure() ? Transport.TLS : Transport.UDP);
        String host = ResponseRouting.stripBrackets(c.host());
        if (host.equalsIgnoreCase("localhost")) {
            host = "127.0.0.1";
        }
        InetSocketAddress addr = ResponseRouting.isLiteral(host)
                ? new InetSocketAddress(host, c.port() >= 0 ? c.port() : t.defaultPort())
                : b.flow() != null ? b.flow().remote() : InetSocketAddress.createUnresolved(host, c.portOrDefault());
        // Over UDP the registered contact is authoritative: the REGISTER may have come from another socket.
        return new NextHop(new Target(t, addr), null, c);
    }

    private static boolean sameHost(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        try {
            return ResponseRouting.isLiteral(a) && ResponseRouting.isLiteral(b)
                    && java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
