package org.opencpm.server.pf.bye;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencpm.server.pf.bye.ScenarioBed.Call;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;

/**
 * §8.2.2.3 on the network: alice's originating PF as a B2BUA between alice's client and the other CPM
 * entity (a remote PF, a CF, or an IWF), transcripts on virtual time.
 */
class OriginatingByeScenarioTest {

    @Test
    @DisplayName("PF-O-BYE-02/03/08/12/13/15: alice's BYE without Reason is step 1: BYE to the other PF without Reason, "
            + "alice answered only after it answered, her leg released first and all media last")
    void clientByeWithoutReason() {
        ScenarioBed s = new ScenarioBed();
        Call c = s.aliceTo("sip:zoe@other.net", s.remote, "");
        s.bed.media.calls.clear();
        s.bed.history.calls.clear();
        s.alice.send(ScenarioBed.uacBye(s.alice, c, 2, null));
        SipRequest atRemote = s.remote.expectRequest("BYE");
        assertThat(atRemote.header(HeaderNames.REASON)).isNull();
        assertThat(s.bed.media.calls).containsExactly("release CLIENT leg");
        s.alice.expectNothing(Duration.ofMillis(500));
        s.remote.respond(atRemote, 200);
        SipResponse ok = s.alice.expectResponse(200);
        assertThat(ok.header(HeaderNames.MESSAGE_UID)).as("RD-05: none in CPM21").isNull();
        assertThat(s.bed.media.calls).containsExactly("release CLIENT leg", "release all");
        assertThat(s.bed.history.calls).containsExactly("ended sip:alice@example.com (client left)");
        s.assertClean();
    }

    @ParameterizedTest(name = "{0}: Reason [{1}] → Message-UID {2}, media {3}")
    @CsvSource(delimiter = '|', value = {
        "CPM21       | SIP;cause=410;text=\"Gone\"              |       | release NETWORK leg,release all",
        "CPM21       | SIP;cause=480;text=\"Bearer unavailable\" |       | release NETWORK leg,release all",
        "CPM21       |                                          |       | release NETWORK leg,release all",
        "CPM20       | SIP;cause=200                            | uid-1 | release NETWORK leg,release all",
        "CPM20-EARLY | SIP;cause=200                            | uid-1 | release all"})
    @DisplayName("PF-O-BYE-04/06/16/17/18/19/20, RD-01, RD-07, AMB-06: the other PF's BYE is step 2 whatever the Reason: "
            + "session recorded, BYE to alice with the Reason copied, the other PF answered after alice, media last")
    void otherEntityBye(String profile, String reason, String uid, String media) {
        ScenarioBed s = new ScenarioBed("  profile: " + profile + "\n");
        Call c = s.aliceTo("sip:zoe@other.net", s.remote, "");
        s.bed.media.calls.clear();
        SipRequest bye = ScenarioBed.uasRequest(s.remote, "BYE", c.far(), c.farOk(), 2);
        if (reason != null) {
            bye = bye.toBuilder().set(HeaderNames.REASON, reason).build();
        }
        s.remote.send(bye);
        SipRequest atAlice = s.alice.expectRequest("BYE");
        assertThat(atAlice.header(HeaderNames.REASON)).isEqualTo(reason);
        assertThat(atAlice.header(HeaderNames.MESSAGE_UID)).isEqualTo(uid);
        assertThat(s.bed.history.calls).endsWith("ended sip:alice@example.com (peer left)");
        s.remote.expectNothing(Duration.ofMillis(500));
        s.alice.respond(atAlice, 200);
        s.remote.expectResponse(200);
        assertThat(String.join(",", s.bed.media.calls)).isEqualTo(media);
        s.assertClean();
    }

    @Test
    @DisplayName("PF-O-BYE-07/29, AMB-37, AMB-06: a core node's BYE with SIP;cause=503 on alice's leg of a 1-1 session: "
            + "answered at once, the session recorded, the BYE propagated with its Reason")
    void connectionLossInAOneToOneSession() {
        ScenarioBed s = new ScenarioBed();
        Call c = s.aliceTo("sip:zoe@other.net", s.remote, "");
        s.bed.history.calls.clear();
        SipRequest bye = ScenarioBed.uacBye(s.core, c, 2, "SIP;cause=503;text=\"Service Unavailable\"");
        s.core.send(bye);
        s.core.expectResponse(200);
        SipRequest atRemote = s.remote.expectRequest("BYE");
        assertThat(atRemote.header(HeaderNames.REASON)).isEqualTo("SIP;cause=503;text=\"Service Unavailable\"");
        assertThat(s.bed.history.calls).containsExactly("ended sip:alice@example.com (connection lost)");
        s.remote.respond(atRemote, 200);
        s.alice.expectNothing(Duration.ofSeconds(1));
        s.assertClean();
    }

    @Test
    @DisplayName("PF-O-BYE-24/25/26/27/28, PF-O-BYE-06: connection loss in a group session: the PF stays towards the CF; "
            + "the CF's later BYE with 410 ends it")
    void connectionLossInAGroupSessionRemains() {
        ScenarioBed s = new ScenarioBed();
        Call c = s.aliceTo("sip:chat@other.net", s.remote, ";isfocus");
        s.bed.media.calls.clear();
        s.core.send(ScenarioBed.uacBye(s.core, c, 2, "SIP;cause=503"));
        s.core.expectResponse(200);
        s.remote.expectNothing(Duration.ofSeconds(10));
        assertThat(s.bed.media.calls).containsExactly("release CLIENT leg");
        assertThat(s.bed.pf().sessions().size()).isEqualTo(1);
        s.remote.send(ScenarioBed.uasRequest(s.remote, "BYE", c.far(), c.farOk(), 2).toBuilder()
                .set(HeaderNames.REASON, "SIP;cause=410;text=\"Gone\"").build());
        s.remote.expectResponse(200);
        s.alice.expectNothing(Duration.ofMillis(100));
        assertThat(s.bed.media.calls).containsExactly("release CLIENT leg", "release NETWORK leg", "release all");
        s.assertClean();
    }

    @Test
    @DisplayName("PF-O-BYE-05/14, AMB-14: alice leaves a group session with SIP;cause=200: a GSO is stored before her 200")
    void leavingAGroupStoresTheGso() {
        ScenarioBed s = new ScenarioBed();
        Call c = s.aliceTo("sip:chat@other.net", s.remote, ";isfocus");
        s.bed.history.calls.clear();
        s.alice.send(ScenarioBed.uacBye(s.alice, c, 2, "SIP;cause=200;text=\"Call completed\""));
        SipRequest atCf = s.remote.expectRequest("BYE");
        assertThat(atCf.header(HeaderNames.REASON)).isEqualTo("SIP;cause=200;text=\"Call completed\"");
        assertThat(s.bed.history.calls).isEmpty();
        s.remote.respond(atCf, 200);
        s.alice.expectResponse(200);
        assertThat(s.bed.history.calls).containsExactly("gso sip:alice@example.com");
        s.assertClean();
    }

    @Test
    @DisplayName("AMB-12, PF-O-BYE-13: the other PF never answers the BYE: alice's BYE is answered when the 8 s guard fires")
    void guardTimerAnswersTheClient() {
        ScenarioBed s = new ScenarioBed();
        Call c = s.aliceTo("sip:zoe@other.net", s.remote, "");
        s.alice.send(ScenarioBed.uacBye(s.alice, c, 2, null));
        Duration sent = s.now();
        s.remote.expectRequest("BYE"); // and never answered (its retransmissions are ignored)
        s.alice.setPatience(Duration.ofSeconds(20));
        s.alice.expectResponse(200);
        assertThat(s.now().minus(sent)).isEqualTo(Duration.ofSeconds(8));
        s.assertClean();
    }

    @Test
    @DisplayName("PF-O-BYE-11/22/23: an interworked session (non-SIP target → ISF): the IWF's BYE goes to alice with the "
            + "session recorded, the IWF answered after alice; alice's BYE goes to the IWF")
    void interworkedSession() {
        ScenarioBed s = new ScenarioBed();
        Call c = s.aliceTo("im:zoe@other.net", s.isf, "");
        s.bed.history.calls.clear();
        s.isf.send(ScenarioBed.uasRequest(s.isf, "BYE", c.far(), c.farOk(), 2));
        SipRequest atAlice = s.alice.expectRequest("BYE");
        assertThat(s.bed.history.calls).containsExactly("ended sip:alice@example.com (IWF left)");
        s.isf.expectNothing(Duration.ofMillis(200));
        s.alice.respond(atAlice, 200);
        s.isf.expectResponse(200);
        s.assertClean();

        ScenarioBed t = new ScenarioBed();
        Call d = t.aliceTo("im:zoe@other.net", t.isf, "");
        t.alice.send(ScenarioBed.uacBye(t.alice, d, 2, "SIP;cause=200"));
        t.isf.respond(t.isf.expectRequest("BYE"), 200);
        t.alice.expectResponse(200);
        t.assertClean();
    }

    @Test
    @DisplayName("Bad input: a BYE from alice while the session is being set up: 200 to the BYE, 487 to the INVITE, "
            + "the branch cancelled; nothing left behind")
    void byeDuringSetup() {
        ScenarioBed s = new ScenarioBed();
        SipRequest invite = s.bed.invite(s.alice, "alice", "sip:zoe@other.net").build();
        s.alice.send(invite, s.bed.serverTarget);
        SipRequest far = s.remote.expectRequest("INVITE");
        s.remote.respond(far, 180);
        SipResponse ringing = s.alice.expectResponse(180);
        SipRequest bye = SipRequest.builder(SipRequest.BYE, invite.requestUri())
                .add(HeaderNames.VIA, "SIP/2.0/UDP 127.0.0.2:5060;branch=" + s.alice.newBranch() + ";rport")
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, invite.header(HeaderNames.FROM))
                .add(HeaderNames.TO, ringing.header(HeaderNames.TO))
                .add(HeaderNames.CALL_ID, invite.callId())
                .add(HeaderNames.CSEQ, "2 BYE").build();
        s.alice.send(bye, s.bed.serverTarget);
        s.alice.expectResponse(200);
        SipResponse terminated = s.alice.expectResponse(487);
        s.alice.send(s.alice.ackFor(invite, terminated), s.bed.serverTarget);
        SipRequest cancel = s.remote.expectRequest("CANCEL");
        s.remote.respond(cancel, 200);
        s.remote.respond(far, 487);
        s.remote.expectRequest("ACK");
        s.assertClean();
    }

    @Test
    @DisplayName("Bad input: a BYE with a CSeq below the dialog's gets 500; a request for an unknown dialog gets 481")
    void outOfOrderAndUnknownDialog() {
        ScenarioBed s = new ScenarioBed();
        Call c = s.aliceTo("sip:zoe@other.net", s.remote, "");
        s.alice.send(ScenarioBed.uacBye(s.alice, c, 5, null).toBuilder().set(HeaderNames.CSEQ, "5 OPTIONS")
                .method("OPTIONS").build());
        s.alice.expectResponse(200);
        s.alice.send(ScenarioBed.uacBye(s.alice, c, 3, null));
        s.alice.expectResponse(500);
        SipRequest stray = ScenarioBed.uacBye(s.alice, c, 9, null).toBuilder()
                .set(HeaderNames.TO, c.ok().to().withTag("nosuchtag")).build();
        s.alice.send(stray);
        s.alice.expectResponse(481);
        s.alice.send(ScenarioBed.uacBye(s.alice, c, 10, null));
        s.remote.respond(s.remote.expectRequest("BYE"), 200);
        s.alice.expectResponse(200);
        s.assertClean();
    }
}
