package org.opencpm.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencpm.common.time.VirtualScheduler;
import org.opencpm.sip.codec.ParseResult;
import org.opencpm.sip.codec.SipMessageParser;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.Transport;

/** RFC 3261 §10.3 registrar behaviour and RFC 5626 §6 instance keying, on virtual time. */
class RegistrarTest {

    private final VirtualScheduler clock = new VirtualScheduler();
    private final LocationService locations = new LocationService(clock);
    private final Registrar registrar = new Registrar("example.com", locations, "OpenCPM");
    private final List<RegistrationEvent> events = new ArrayList<>();
    private final Flow flow = new Flow() {
        @Override
        public Transport transport() {
            return Transport.UDP;
        }

        @Override
        public InetSocketAddress local() {
            return new InetSocketAddress("127.0.0.1", 5060);
        }

        @Override
        public InetSocketAddress remote() {
            return new InetSocketAddress("127.0.0.1", 5062);
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    };
    private int cseq = 1;

    RegistrarTest() {
        locations.addListener(events::add);
    }

    private SipResponse register(String user, String contactLine, String extraHeaders) {
        String text = "REGISTER sip:example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK" + cseq + "\r\n"
                + "From: <sip:" + user + "@example.com>;tag=a1\r\n"
                + "To: <sip:" + user + "@example.com>\r\n"
                + "Call-ID: reg-" + user + "\r\n"
                + "CSeq: " + (cseq++) + " REGISTER\r\n"
                + (contactLine == null ? "" : "Contact: " + contactLine + "\r\n")
                + extraHeaders
                + "Content-Length: 0\r\n\r\n";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ParseResult r = new SipMessageParser().parseDatagram(b, 0, b.length);
        SipRequest req = (SipRequest) ((ParseResult.Parsed) r).message();
        return registrar.register(req, flow, clock.nanoTime());
    }

    @Test
    void aClientRegistersAndTheListenerLearnsItWithItsFeatureTags() {
        SipResponse ok = register("alice", "<sip:alice@127.0.0.1:5062>;+sip.instance=\"<urn:uuid:1>\";"
                + "+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session\"", "Expires: 600\r\n");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.headerValues("Contact")).singleElement().asString().contains("expires=600");
        assertThat(events).singleElement().isInstanceOf(RegistrationEvent.Registered.class);
        Binding b = locations.lookup(SipUri.parse("sip:alice@example.com")).get(0);
        assertThat(b.instanceId()).isEqualTo("<urn:uuid:1>");
        assertThat(b.featureTags().get("+g.3gpp.icsi-ref")).contains("urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session");
    }

    @Test
    void twoDevicesOfOneUserHoldTwoBindingsAndAnInstanceReRegisteringWithANewContactReplacesItsOwn() {
        register("bob", "<sip:bob@127.0.0.1:5070>;+sip.instance=\"<urn:uuid:phone>\"", "");
        register("bob", "<sip:bob@127.0.0.1:5071>;+sip.instance=\"<urn:uuid:tablet>\"", "");
        register("bob", "<sip:bob@127.0.0.1:5072>;+sip.instance=\"<urn:uuid:phone>\"", "");

        List<Binding> bs = locations.lookup(SipUri.parse("sip:bob@example.com"));
        assertThat(bs).extracting(b -> b.contactUri().port()).containsExactlyInAnyOrder(5072, 5071);
        assertThat(events).hasSize(3);
        assertThat(events.get(2)).isInstanceOf(RegistrationEvent.Refreshed.class);
    }

    @Test
    void aBindingExpiresOnTimeAndTheListenerIsTold() {
        register("carol", "<sip:carol@127.0.0.1:5080>", "Expires: 120\r\n");
        clock.advance(Duration.ofSeconds(119));
        assertThat(locations.isRegistered(SipUri.parse("sip:carol@example.com"))).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(locations.isRegistered(SipUri.parse("sip:carol@example.com"))).isFalse();
        assertThat(events.get(1)).isInstanceOfSatisfying(RegistrationEvent.Unregistered.class,
                u -> assertThat(u.cause()).isEqualTo(RegistrationEvent.Cause.EXPIRED));
    }

    @Test
    void unRegisterWithExpiresZeroRemovesTheBinding() {
        register("dave", "<sip:dave@127.0.0.1:5090>", "");
        SipResponse ok = register("dave", "<sip:dave@127.0.0.1:5090>;expires=0", "");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.headerValues("Contact")).isEmpty();
        assertThat(events.get(1)).isInstanceOfSatisfying(RegistrationEvent.Unregistered.class,
                u -> assertThat(u.cause()).isEqualTo(RegistrationEvent.Cause.DEREGISTERED));
        assertThat(clock.pendingTasks()).isZero();
    }

    @Test
    void wildcardRemovesAllBindingsButOnlyWithExpiresZero() {
        register("erin", "<sip:erin@127.0.0.1:5100>", "");
        register("erin", "<sip:erin@127.0.0.1:5101>", "");
        assertThat(register("erin", "*", "Expires: 60\r\n").status()).isEqualTo(400);
        assertThat(register("erin", "*", "Expires: 0\r\n").status()).isEqualTo(200);
        assertThat(locations.isRegistered(SipUri.parse("sip:erin@example.com"))).isFalse();
    }

    @Test
    void aTooShortIntervalGets423WithMinExpires() {
        SipResponse r = register("frank", "<sip:frank@127.0.0.1:5110>", "Expires: 10\r\n");
        assertThat(r.status()).isEqualTo(423);
        assertThat(r.header("Min-Expires")).isEqualTo("60");
    }

    @Test
    void aQueryWithoutContactListsTheBindings() {
        register("gina", "<sip:gina@127.0.0.1:5120>", "");
        SipResponse r = register("gina", null, "");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headerValues("Contact")).hasSize(1);
    }

    @Test
    void anotherDomainOrAnUnknownRequireIsRefused() {
        assertThat(register("hal", "<sip:hal@127.0.0.1:5130>", "Require: foo\r\n").status()).isEqualTo(420);
    }
}
