package org.opencpm.server.pf.bye;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.server.pf.PfTestBed;
import org.opencpm.server.pf.bye.ScenarioBed.Call;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.sim.SimPeer;

/**
 * §8.3.2.3 on the network: bob's terminating PF as a B2BUA between the other user's PF (remote) and
 * bob's client(s) or an IWF, through the BYE handler it shares with §8.2.2.3 (RD-11, RD-13).
 */
class TerminatingByeScenarioTest {

    @Test
    @DisplayName("PF-T-BYE-02/03/04/05/06, RD-11, RD-12: bob leaves: BYE to the other PF with the Reason; bob's 200 after "
            + "its 200, with the SIO UID as Message-UID; bob's leg released first, all media last")
    void clientLeaves() {
        ScenarioBed s = new ScenarioBed();
        Call c = s.remoteToBob(s.bob);
        s.bed.media.calls.clear();
        s.bed.history.calls.clear();
        s.bob.send(ScenarioBed.uasRequest(s.bob, "BYE", c.far(), c.farOk(), 2).toBuilder()
                .set(HeaderNames.REASON, "SIP;cause=200").build());
        SipRequest atRemote = s.remote.expectRequest("BYE");
        assertThat(atRemote.header(HeaderNames.REASON)).isEqualTo("SIP;cause=200");
        s.bob.expectNothing(Duration.ofMillis(300));
        s.remote.respond(atRemote, 200);
        SipResponse ok = s.bob.expectResponse(200);
        assertThat(ok.header(HeaderNames.MESSAGE_UID)).isEqualTo("sio-bob");
        assertThat(s.bed.history.calls).containsExactly("ended sip:bob@example.com (client left)");
        assertThat(s.bed.media.calls).containsExactly("release CLIENT leg", "release all");
        s.assertClean();
    }

    @Test
    @DisplayName("PF-T-BYE-07/09/10: the other PF's BYE: session stored, BYE to bob with Message-UID = the stored UID, "
            + "the other PF answered after bob")
    void otherEntityEnds() {
        ScenarioBed s = new ScenarioBed();
        Call c = s.remoteToBob(s.bob);
        s.bed.history.calls.clear();
        s.remote.send(ScenarioBed.uacBye(s.remote, c, 2, null));
        SipRequest atBob = s.bob.expectRequest("BYE");
        assertThat(atBob.header(HeaderNames.MESSAGE_UID)).isEqualTo("uid-1");
        assertThat(s.bed.history.calls).containsExactly("ended sip:bob@example.com (peer left)");
        s.remote.expectNothing(Duration.ofMillis(300));
        s.bob.respond(atBob, 200);
        s.remote.expectResponse(200);
        s.assertClean();
    }

    @Test
    @DisplayName("AMB-33: allow-offline-storage false → nothing stored and no Message-UID (PF-T-BYE-09 without a UID)")
    void noStorageNoMessageUid() {
        ScenarioBed s = new ScenarioBed("", "users:\n  \"sip:bob@example.com\":\n    preferences:\n"
                + "      allow-offline-storage: false\n");
        Call c = s.remoteToBob(s.bob);
        s.remote.send(ScenarioBed.uacBye(s.remote, c, 2, null));
        SipRequest atBob = s.bob.expectRequest("BYE");
        assertThat(atBob.header(HeaderNames.MESSAGE_UID)).isNull();
        assertThat(s.bed.history.calls).isEmpty();
        s.bob.respond(atBob, 200);
        s.remote.expectResponse(200);
        s.assertClean();
    }

    @Test
    @DisplayName("PF-T-BYE-02 (CPM20-EARLY, RD-11): all media released on receipt, before any signalling")
    void earlyProfileReleasesFirst() {
        ScenarioBed s = new ScenarioBed("  profile: CPM20-EARLY\n");
        Call c = s.remoteToBob(s.bob);
        s.bed.media.calls.clear();
        s.remote.send(ScenarioBed.uacBye(s.remote, c, 2, null));
        SipRequest atBob = s.bob.expectRequest("BYE");
        assertThat(s.bed.media.calls).containsExactly("release all");
        s.bob.respond(atBob, 200);
        s.remote.expectResponse(200);
        assertThat(s.bed.media.calls).containsExactly("release all");
        s.assertClean();
    }

    /** bob with a phone and a tablet; the phone answers, the tablet's 200 crosses the CANCEL (AMB-42). */
    private static Call twoDevices(ScenarioBed s, SimPeer tablet) {
        SipRequest invite = s.bed.invite(s.remote, "zoe", "sip:bob@example.com")
                .set(HeaderNames.FROM, "<sip:zoe@other.net>;tag=z2").build();
        s.remote.send(invite, s.bed.serverTarget);
        SipRequest atPhone = s.bob.expectRequest("INVITE");
        SipRequest atTablet = tablet.expectRequest("INVITE");
        tablet.respond(atTablet, 180); // RFC 3261 §9.1: no CANCEL before a provisional response
        s.remote.expectResponse(180);
        SipResponse phoneOk = PfTestBed.answer(s.bob, atPhone, "phone");
        s.bob.respond(atPhone, phoneOk);
        SipResponse ok = s.remote.expectResponse(200);
        tablet.respond(tablet.expectRequest("CANCEL"), 200);
        tablet.respond(atTablet, PfTestBed.answer(tablet, atTablet, "tablet"));
        s.remote.send(s.remote.ackFor(invite, ok));
        s.bob.expectRequest("ACK");
        tablet.expectRequest("ACK");
        return new Call(invite, ok, atPhone, phoneOk);
    }

    private static SimPeer tablet(ScenarioBed s) {
        SimPeer tablet = s.bed.net.peer("127.0.0.4", 5060);
        s.bed.register(tablet, "bob", ";+sip.instance=\"<urn:uuid:bob-tablet>\";+g.3gpp.icsi-ref=\""
                + PfTestBed.SESSION_ICSI + "\"");
        s.rebaseline();
        return tablet;
    }

    @Test
    @DisplayName("AMB-42/AMB-15, PF-O-BYE-09 on the terminating side (RD-13): a later 2xx is kept as a second client leg; "
            + "the phone leaving with SIP;cause=200 ends the tablet's leg and the session")
    void multiDeviceLeave() {
        ScenarioBed s = new ScenarioBed();
        SimPeer tablet = tablet(s);
        Call c = twoDevices(s, tablet);
        assertThat(s.bed.pf().sessions().size()).isEqualTo(1);
        s.bob.send(ScenarioBed.uasRequest(s.bob, "BYE", c.far(), c.farOk(), 2).toBuilder()
                .set(HeaderNames.REASON, "SIP;cause=200").build());
        SipRequest atTablet = tablet.expectRequest("BYE");
        assertThat(atTablet.header(HeaderNames.REASON)).startsWith("SIP;cause=200");
        SipRequest atRemote = s.remote.expectRequest("BYE");
        tablet.respond(atTablet, 200);
        s.bob.expectNothing(Duration.ofMillis(200));
        s.remote.respond(atRemote, 200);
        s.bob.expectResponse(200);
        s.assertClean();
    }

    @Test
    @DisplayName("PF-O-BYE-10 on the terminating side (RD-13, AMB-15): the phone's leg fails (SIP;cause=503) while the "
            + "tablet stays: answered at once, the session goes on; the other PF's BYE then reaches the tablet")
    void oneDeviceFails() {
        ScenarioBed s = new ScenarioBed();
        SimPeer tablet = tablet(s);
        Call c = twoDevices(s, tablet);
        s.bob.send(ScenarioBed.uasRequest(s.bob, "BYE", c.far(), c.farOk(), 2).toBuilder()
                .set(HeaderNames.REASON, "SIP;cause=503").build());
        s.bob.expectResponse(200);
        s.remote.expectNothing(Duration.ofSeconds(1));
        tablet.expectNothing(Duration.ofMillis(1));
        s.remote.send(ScenarioBed.uacBye(s.remote, c, 2, null));
        tablet.respond(tablet.expectRequest("BYE"), 200);
        s.remote.expectResponse(200);
        s.bob.expectNothing(Duration.ofMillis(100));
        s.assertClean();
    }

    @Test
    @DisplayName("PF-T-BYE-12, AMB-32: carol has no client and the session is interworked; the IWF's BYE is stored, goes to "
            + "the other PF, and the IWF is answered after the other PF's 200; PF-T-BYE-08: the other PF's BYE goes to the IWF")
    void interworkedTerminatingSession() {
        String pf = "  no-suitable-client: interwork\n";
        ScenarioBed s = new ScenarioBed(pf);
        Call c = toCarol(s);
        s.bed.history.calls.clear();
        s.isf.send(ScenarioBed.uasRequest(s.isf, "BYE", c.far(), c.farOk(), 2));
        SipRequest atRemote = s.remote.expectRequest("BYE");
        assertThat(s.bed.history.calls).containsExactly("ended sip:carol@example.com (IWF left)");
        s.isf.expectNothing(Duration.ofMillis(200));
        s.remote.respond(atRemote, 200);
        s.isf.expectResponse(200);
        s.assertClean();

        ScenarioBed t = new ScenarioBed(pf);
        Call d = toCarol(t);
        t.remote.send(ScenarioBed.uacBye(t.remote, d, 2, "SIP;cause=200"));
        SipRequest atIwf = t.isf.expectRequest("BYE");
        assertThat(atIwf.header(HeaderNames.MESSAGE_UID)).as("only client BYEs carry it").isNull();
        t.isf.respond(atIwf, 200);
        t.remote.expectResponse(200);
        t.assertClean();
    }

    private static Call toCarol(ScenarioBed s) {
        SipRequest invite = s.bed.invite(s.remote, "zoe", "sip:carol@example.com")
                .set(HeaderNames.FROM, "<sip:zoe@other.net>;tag=z3").build();
        s.remote.send(invite, s.bed.serverTarget);
        SipRequest far = s.isf.expectRequest("INVITE");
        SipResponse farOk = PfTestBed.answer(s.isf, far, "iwf");
        s.isf.respond(far, farOk);
        SipResponse ok = s.remote.expectResponse(200);
        s.remote.send(s.remote.ackFor(invite, ok));
        s.isf.expectRequest("ACK");
        return new Call(invite, ok, far, farOk);
    }
}
