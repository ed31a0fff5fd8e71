package org.opencpm.server.pf.bye;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.server.pf.PfTestBed;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.sim.SimPeer;
import org.opencpm.sip.transport.Transport;

/**
 * The PF in proxy mode ({@code participating-function.mode: proxy}): it Record-Routes and is no UA, so a
 * BYE and its 200 are forwarded along the path (RFC 3261 §16) and a session timer never makes it send a
 * BYE (RFC 4028 proxy behaviour).
 */
class ProxyModeByeTest {

    private final PfTestBed bed = new PfTestBed("participating-function:\n  mode: proxy\n");
    private final SimPeer alice = bed.client("alice", "127.0.0.2");
    private final SimPeer bob = bed.client("bob", "127.0.0.3");

    private record Dialogs(SipRequest invite, SipResponse ok, SipRequest atBob, SipResponse bobOk) {
    }

    private Dialogs setUp(String sessionExpires) {
        SipRequest.Builder ib = bed.invite(alice, "alice", "sip:bob@example.com");
        if (sessionExpires != null) {
            ib.set(HeaderNames.SUPPORTED, "timer").set(HeaderNames.SESSION_EXPIRES, sessionExpires);
        }
        SipRequest invite = ib.build();
        alice.send(invite, bed.serverTarget);
        SipRequest atBob = bob.expectRequest("INVITE");
        assertThat(atBob.recordRoutes()).as("the PF Record-Routes").isNotEmpty();
        assertThat(atBob.callId()).as("no B2BUA: the same dialog").isEqualTo(invite.callId());
        SipResponse.Builder ob = PfTestBed.answer(bob, atBob, "p1").toBuilder();
        for (String rr : atBob.headerValues(HeaderNames.RECORD_ROUTE)) {
            ob.add(HeaderNames.RECORD_ROUTE, rr); // RFC 3261 §12.1.1: the UAS copies Record-Route into its 2xx
        }
        SipResponse bobOk = ob.build();
        if (sessionExpires != null) {
            bobOk = bobOk.toBuilder().set(HeaderNames.SESSION_EXPIRES, sessionExpires)
                    .set(HeaderNames.REQUIRE, "timer").build();
        }
        bob.respond(atBob, bobOk);
        SipResponse ok = alice.expectResponse(200);
        SipRequest ack = withUacRoutes(alice.ackFor(invite, ok), ok);
        alice.send(ack);
        bob.expectRequest("ACK");
        return new Dialogs(invite, ok, atBob, bobOk);
    }

    /** The caller's in-dialog request routed by the reversed Record-Route of the 2xx (RFC 3261 §12.1.2). */
    private static SipRequest withUacRoutes(SipRequest r, SipResponse ok) {
        List<Address> routes = new ArrayList<>(ok.recordRoutes());
        Collections.reverse(routes);
        SipRequest.Builder b = r.toBuilder().remove(HeaderNames.ROUTE);
        for (Address a : routes) {
            b.add(HeaderNames.ROUTE, a.toString());
        }
        return b.build();
    }

    private SipRequest aliceBye(Dialogs d) {
        return withUacRoutes(PfTestBed.inDialog(alice, "BYE", d.invite(), d.ok(), 2), d.ok()).toBuilder()
                .set(HeaderNames.REASON, "SIP;cause=200").build();
    }

    @Test
    @DisplayName("PF-O-BYE-01: proxy mode: the caller's BYE is forwarded along the Record-Route path and the 200 back")
    void originatingByeIsProxied() {
        Dialogs d = setUp(null);
        alice.send(aliceBye(d));
        SipRequest atBob = bob.expectRequest("BYE");
        assertThat(atBob.callId()).isEqualTo(d.invite().callId());
        assertThat(atBob.header(HeaderNames.REASON)).isEqualTo("SIP;cause=200");
        assertThat(String.join(",", atBob.headerValues(HeaderNames.VIA))).as("forwarded by the proxy")
                .contains("127.0.0.1:5060").contains("127.0.0.2");
        bob.respond(atBob, 200);
        alice.expectResponse(200);
        assertThat(bed.media.calls).isEmpty();
        assertThat(bed.history.calls).isEmpty();
        bed.settle();
        assertThat(bed.core.transactions().activeTransactions()).isZero();
    }

    @Test
    @DisplayName("PF-T-BYE-01: proxy mode: the callee's BYE is forwarded along the path back to the caller and the 200 back")
    void terminatingByeIsProxied() {
        Dialogs d = setUp(null);
        SipRequest bye = ScenarioBed.uasRequest(bob, "BYE", d.atBob(), d.bobOk(), 1);
        bob.send(bye);
        SipRequest atAlice = alice.expectRequest("BYE");
        assertThat(atAlice.callId()).isEqualTo(d.invite().callId());
        alice.respond(atAlice, 200);
        bob.expectResponse(200);
        bed.settle();
        assertThat(bed.core.transactions().activeTransactions()).isZero();
    }

    @Test
    @DisplayName("PF-O-TMR-08, PF-T-TMR-07: proxy mode: Session-Expires passes unchanged and no BYE is generated on expiry")
    void noByeOnTimerExpiryInProxyMode() {
        Dialogs d = setUp("90;refresher=uac");
        assertThat(d.atBob().header(HeaderNames.SESSION_EXPIRES)).isEqualTo("90;refresher=uac");
        assertThat(d.ok().header(HeaderNames.SESSION_EXPIRES)).isEqualTo("90;refresher=uac");
        alice.expectNothing(Duration.ofSeconds(300));
        bob.expectNothing(Duration.ofMillis(1));
        bed.settle();
        assertThat(bed.core.transactions().activeTransactions()).isZero();
        assertThat(bed.pf()).as("no PF in the path").isNull();
        assertThat(alice.node().sentBy(Transport.UDP)).isNotNull();
    }
}
