package org.opencpm.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencpm.common.time.VirtualScheduler;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transport.HostPort;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;

class EdgeRoutingTest {

    private final EdgeRouting routing = new EdgeRouting("example.com", Set.of(new HostPort("127.0.0.1", 5060)),
            Map.of("other.example.net", Target.of(Transport.UDP, "127.0.0.1", 5070)),
            new LocationService(new VirtualScheduler()));

    @Test
    void anAddressLiteralIsReachedDirectly() {
        NextHop hop = routing.direct(SipUri.parse("sip:bob@127.0.0.9:5072;transport=tcp"));
        assertThat(hop.target()).isEqualTo(Target.of(Transport.TCP, "127.0.0.9", 5072));
    }

    @Test
    void aDomainIsReachedByItsStaticRoute() {
        assertThat(routing.direct(SipUri.parse("sip:carol@other.example.net")).target())
                .isEqualTo(Target.of(Transport.UDP, "127.0.0.1", 5070));
    }

    @Test
    void aDottedHostThatIsNoAddressIsANameWithoutRouteAndIsNeverLookedUpOnTheSipThread() {
        // "999.1.1.1" is digits and dots but no IPv4 address: treating it as a literal would make the
        // JDK resolve it by DNS, blocking the event loop, for a host a peer chose.
        assertThat(routing.direct(SipUri.parse("sip:bob@999.1.1.1:5060"))).isNull();
        assertThat(routing.isMe(SipUri.parse("sip:999.1.1.1:5060"))).isFalse();
    }
}
