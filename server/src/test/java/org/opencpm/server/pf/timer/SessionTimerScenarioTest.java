package org.opencpm.server.pf.timer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.server.pf.PfTestBed;
import org.opencpm.server.pf.bye.ScenarioBed;
import org.opencpm.server.pf.bye.ScenarioBed.Call;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;

/**
 * RFC 4028 session timers negotiated per leg by the B2BUA PF, and the expiry procedures §8.2.2.4 and
 * §8.3.2.4, on virtual time. With {@code session-expires: 90} a non-refresher ends the session at
 * 90 − min(32, 90/3) = 60 s; a refresher refreshes at 45 s.
 */
class SessionTimerScenarioTest {

    private static final String SE90 = "  session-expires: 90\n";

    private static SipResponse noTimer(SipResponse r) {
        return r;
    }

    @Test
    @DisplayName("RFC 4028 §8.1: an INVITE with Session-Expires below 90 s gets 422 with Min-SE: 90 and leaves nothing behind")
    void tooSmallGets422() {
        ScenarioBed s = new ScenarioBed();
        SipRequest invite = s.bed.invite(s.alice, "alice", "sip:zoe@other.net")
                .set(HeaderNames.SUPPORTED, "timer").set(HeaderNames.SESSION_EXPIRES, "60").build();
        s.alice.send(invite, s.bed.serverTarget);
        SipResponse r = s.alice.expectResponse(422);
        assertThat(r.header(HeaderNames.MIN_SE)).isEqualTo("90");
        s.alice.send(s.alice.ackFor(invite, r), s.bed.serverTarget);
        s.remote.expectNothing(Duration.ofSeconds(1));
        s.assertClean();
    }

    @Test
    @DisplayName("RFC 4028 §9/§7: per leg: the client's 2xx carries Session-Expires (reduced to the configured 300 s) with "
            + "refresher=uac and Require: timer; the outgoing INVITE offers Supported: timer, Session-Expires, Min-SE")
    void negotiatedPerLeg() {
        ScenarioBed s = new ScenarioBed("  session-expires: 300\n");
        Call c = s.aliceTo("sip:zoe@other.net", s.remote, SessionTimerScenarioTest::noTimer,
                HeaderNames.SUPPORTED, "timer", HeaderNames.SESSION_EXPIRES, "1800");
        assertThat(c.ok().header(HeaderNames.SESSION_EXPIRES)).isEqualTo("300;refresher=uac");
        assertThat(c.ok().header(HeaderNames.REQUIRE)).isEqualTo("timer");
        assertThat(c.far().header(HeaderNames.SUPPORTED)).isEqualTo("timer");
        assertThat(c.far().header(HeaderNames.SESSION_EXPIRES)).isEqualTo("300");
        assertThat(c.far().header(HeaderNames.MIN_SE)).isEqualTo("90");
        s.alice.send(ScenarioBed.uacBye(s.alice, c, 2, null));
        s.remote.respond(s.remote.expectRequest("BYE"), 200);
        s.alice.expectResponse(200);
        s.assertClean();
    }

    @Test
    @DisplayName("PF-O-TMR-01/03/04/06/07, AMB-07: no refresh from alice (the refresher): at 60 s the PF stores, BYEs alice "
            + "with Message-UID = SIO UID and the other PF, and releases all media last")
    void originatingExpiry() {
        ScenarioBed s = new ScenarioBed(SE90);
        Call c = s.aliceTo("sip:zoe@other.net", s.remote, SessionTimerScenarioTest::noTimer,
                HeaderNames.SUPPORTED, "timer");
        assertThat(c.ok().header(HeaderNames.SESSION_EXPIRES)).isEqualTo("90;refresher=uac");
        s.bed.media.calls.clear();
        s.bed.history.calls.clear();
        Duration t0 = s.now();
        s.alice.expectNothing(Duration.ofSeconds(59));
        s.alice.setPatience(Duration.ofSeconds(2));
        SipRequest atAlice = s.alice.expectRequest("BYE");
        assertThat(s.now().minus(t0)).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(atAlice.header(HeaderNames.MESSAGE_UID)).isEqualTo("sio-alice");
        assertThat(atAlice.header(HeaderNames.REASON)).as("AMB-06: none for timer BYEs").isNull();
        assertThat(s.bed.history.calls).containsExactly("ended sip:alice@example.com (session timer expired)");
        SipRequest atRemote = s.remote.expectRequest("BYE");
        assertThat(atRemote.header(HeaderNames.MESSAGE_UID)).isNull();
        assertThat(s.bed.media.calls).isEmpty();
        s.alice.respond(atAlice, 200);
        s.remote.respond(atRemote, 200);
        s.remote.expectNothing(Duration.ofMillis(100));
        assertThat(s.bed.media.calls).containsExactly("release all");
        s.assertClean();
    }

    @Test
    @DisplayName("RFC 4028: a refresh (UPDATE) from alice resets her leg's timer: no BYE at 60 s, BYE at 50 + 60 s")
    void refreshResetsTheLegTimer() {
        ScenarioBed s = new ScenarioBed(SE90);
        Call c = s.aliceTo("sip:zoe@other.net", s.remote, SessionTimerScenarioTest::noTimer,
                HeaderNames.SUPPORTED, "timer");
        s.alice.expectNothing(Duration.ofSeconds(50));
        SipRequest update = PfTestBed.inDialog(s.alice, "UPDATE", c.invite(), c.ok(), 2).toBuilder()
                .set(HeaderNames.SUPPORTED, "timer").set(HeaderNames.SESSION_EXPIRES, "90;refresher=uac").build();
        s.alice.send(update);
        SipResponse ok = s.alice.expectResponse(200);
        assertThat(ok.header(HeaderNames.SESSION_EXPIRES)).isEqualTo("90;refresher=uac");
        s.alice.expectNothing(Duration.ofSeconds(59));
        s.alice.setPatience(Duration.ofSeconds(2));
        s.alice.respond(s.alice.expectRequest("BYE"), 200);
        s.remote.respond(s.remote.expectRequest("BYE"), 200);
        s.assertClean();
    }

    @Test
    @DisplayName("RFC 4028 §7.4/§9: the PF refreshes where it is the refresher: re-INVITE with its SDP towards a client "
            + "without timer support (refresher=uas), UPDATE towards a peer that allows it; each at half the interval")
    void pfRefreshes() {
        ScenarioBed s = new ScenarioBed(SE90);
        Call c = s.aliceTo("sip:zoe@other.net", s.remote, r -> r.toBuilder()
                .set(HeaderNames.SESSION_EXPIRES, "90;refresher=uac").set(HeaderNames.ALLOW, "INVITE, ACK, BYE, UPDATE").build());
        assertThat(c.ok().header(HeaderNames.SESSION_EXPIRES)).isEqualTo("90;refresher=uas");
        assertThat(c.ok().header(HeaderNames.REQUIRE)).isNull();
        Duration t0 = s.now();
        s.alice.setPatience(Duration.ofSeconds(50));
        SipRequest reInvite = s.alice.expectRequest("INVITE");
        assertThat(s.now().minus(t0)).isBetween(Duration.ofSeconds(44), Duration.ofSeconds(45));
        assertThat(reInvite.header(HeaderNames.SESSION_EXPIRES)).isEqualTo("90;refresher=uac");
        assertThat(reInvite.bodyAsString()).contains("a=path:msrp://127.0.0.1:2855/pf");
        s.remote.setPatience(Duration.ofSeconds(2));
        SipRequest update = s.remote.expectRequest("UPDATE");
        assertThat(update.header(HeaderNames.SESSION_EXPIRES)).isEqualTo("90;refresher=uac");
        s.alice.respond(reInvite, 200);
        s.alice.expectRequest("ACK");
        s.remote.respond(update, update.createResponse(200).toBuilder().set(HeaderNames.TO, update.header(HeaderNames.TO))
                .set(HeaderNames.SESSION_EXPIRES, "90;refresher=uac").build());
        // the next refresh comes 45 s later; the session is still up at 80 s
        s.alice.setPatience(Duration.ofSeconds(46));
        SipRequest second = s.alice.expectRequest("INVITE");
        s.alice.respond(second, 200);
        s.alice.expectRequest("ACK");
        SipRequest again;
        do { // skip retransmissions of the first UPDATE (UDP, Timer E) that arrived before its 200
            again = s.remote.expectRequest("UPDATE");
        } while (again.cseq().sequence() == update.cseq().sequence());
        s.remote.respond(again, 481); // the peer lost the dialog: RFC 4028 §10, the session ends
        s.alice.respond(s.alice.expectRequest("BYE"), 200);
        s.remote.expectNothing(Duration.ofSeconds(1)); // RFC 3261 §12.2.1.2: after a 481 that dialog is gone, no BYE
        s.assertClean();
    }

    @Test
    @DisplayName("RFC 4028 §7.4: a 422 from the far side: the INVITE is sent again with its Min-SE as Session-Expires")
    void retryAfter422() {
        ScenarioBed s = new ScenarioBed(SE90);
        SipRequest invite = s.bed.invite(s.alice, "alice", "sip:zoe@other.net").build();
        s.alice.send(invite, s.bed.serverTarget);
        SipRequest first = s.remote.expectRequest("INVITE");
        s.remote.respond(first, first.createResponse(422).toBuilder().set(HeaderNames.TO, first.to().withTag("x"))
                .set(HeaderNames.MIN_SE, "1000").build());
        s.remote.expectRequest("ACK");
        SipRequest second = s.remote.expectRequest("INVITE");
        assertThat(second.header(HeaderNames.SESSION_EXPIRES)).isEqualTo("1000");
        assertThat(second.header(HeaderNames.MIN_SE)).isEqualTo("1000");
        assertThat(second.cseq().sequence()).isEqualTo(2);
        s.remote.respond(second, 480);
        s.remote.expectRequest("ACK");
        SipResponse r = s.alice.expectResponse(480);
        s.alice.send(s.alice.ackFor(invite, r), s.bed.serverTarget);
        s.assertClean();
    }

    @Test
    @DisplayName("PF-O-TMR-02/05: interworked group-less session: expiry BYEs the client and the IWF; a group session stores a "
            + "GSO with GroupStateObjectID (PF-O-TMR-02) before the BYEs")
    void originatingExpiryInterworkedAndGroup() {
        ScenarioBed s = new ScenarioBed(SE90);
        s.aliceTo("im:zoe@other.net", s.isf, SessionTimerScenarioTest::noTimer, HeaderNames.SUPPORTED, "timer");
        s.alice.setPatience(Duration.ofSeconds(61));
        s.alice.respond(s.alice.expectRequest("BYE"), 200);
        s.isf.respond(s.isf.expectRequest("BYE"), 200);
        s.assertClean();

        ScenarioBed g = new ScenarioBed(SE90);
        g.aliceTo("sip:chat@other.net", g.remote, r -> r.toBuilder().set(HeaderNames.CONTACT,
                "<sip:chat@127.0.0.9:5060>;isfocus").build(), HeaderNames.SUPPORTED, "timer");
        g.bed.history.calls.clear();
        g.alice.setPatience(Duration.ofSeconds(61));
        SipRequest bye = g.alice.expectRequest("BYE");
        assertThat(g.bed.history.calls).containsExactly("gso sip:alice@example.com +GroupStateObjectID");
        assertThat(bye.header(HeaderNames.MESSAGE_UID)).isEqualTo("sio-alice");
        g.alice.respond(bye, 200);
        g.remote.respond(g.remote.expectRequest("BYE"), 200);
        g.assertClean();
    }

    @Test
    @DisplayName("PF-T-TMR-01/02/04/05/06, AMB-08: the other PF (refresher) does not refresh: at 60 s bob's PF stores, BYEs "
            + "bob with Message-UID and the other PF, and releases all media last")
    void terminatingExpiry() {
        ScenarioBed s = new ScenarioBed(SE90);
        Call c = s.remoteTo("sip:bob@example.com", s.bob, SessionTimerScenarioTest::noTimer,
                HeaderNames.SUPPORTED, "timer", HeaderNames.SESSION_EXPIRES, "90;refresher=uac");
        assertThat(c.ok().header(HeaderNames.SESSION_EXPIRES)).isEqualTo("90;refresher=uac");
        s.bed.media.calls.clear();
        s.bed.history.calls.clear();
        s.bob.setPatience(Duration.ofSeconds(61));
        SipRequest atBob = s.bob.expectRequest("BYE");
        assertThat(atBob.header(HeaderNames.MESSAGE_UID)).isEqualTo("sio-bob");
        assertThat(s.bed.history.calls).containsExactly("ended sip:bob@example.com (session timer expired)");
        SipRequest atRemote = s.remote.expectRequest("BYE");
        assertThat(s.bed.media.calls).isEmpty();
        s.bob.respond(atBob, 200);
        s.remote.respond(atRemote, 200);
        s.remote.expectNothing(Duration.ofMillis(100));
        assertThat(s.bed.media.calls).containsExactly("release all");
        s.assertClean();
    }

    @Test
    @DisplayName("PF-T-TMR-03/05: an interworked terminating session: expiry BYEs the IWF (no Message-UID) and the other PF")
    void terminatingExpiryInterworked() {
        ScenarioBed s = new ScenarioBed(SE90 + "  no-suitable-client: interwork\n");
        s.remoteTo("sip:carol@example.com", s.isf, SessionTimerScenarioTest::noTimer,
                HeaderNames.SUPPORTED, "timer", HeaderNames.SESSION_EXPIRES, "90;refresher=uac");
        s.isf.setPatience(Duration.ofSeconds(61));
        SipRequest atIwf = s.isf.expectRequest("BYE");
        assertThat(atIwf.header(HeaderNames.MESSAGE_UID)).isNull();
        s.isf.respond(atIwf, 200);
        s.remote.respond(s.remote.expectRequest("BYE"), 200);
        s.assertClean();
    }
}
