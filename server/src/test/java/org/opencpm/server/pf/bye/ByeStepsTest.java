package org.opencpm.server.pf.bye;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.server.config.ParticipatingFunctionConfig;
import org.opencpm.server.config.ParticipatingFunctionConfig.IwfByeCloses;
import org.opencpm.server.config.ParticipatingFunctionConfig.Mode;
import org.opencpm.server.config.ParticipatingFunctionConfig.NoSuitableClient;
import org.opencpm.server.config.Profile;
import org.opencpm.server.config.UserPreferences;
import org.opencpm.server.pf.media.MediaPlane.Side;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.Uri;

/**
 * The steps of §8.2.2.3 / §8.3.2.3 in order, on a recording session: what is released, stored, sent
 * and answered, and when. Branches that the 1-1 network scenarios cannot reach yet (several IWFs, group
 * sessions, several devices on the originating side) are covered here.
 */
class ByeStepsTest {

    private static ParticipatingFunctionConfig config(Profile p, IwfByeCloses closes) {
        return new ParticipatingFunctionConfig(Mode.B2BUA, false, List.of(), List.of("message"), NoSuitableClient.REJECT,
                true, closes, Duration.ofSeconds(1800), p);
    }

    private static SipRequest bye(String reason) {
        SipRequest.Builder b = SipRequest.builder(SipRequest.BYE, Uri.parse("sip:pf@127.0.0.1"))
                .add(HeaderNames.VIA, "SIP/2.0/UDP 127.0.0.5;branch=z9hG4bKbye")
                .add(HeaderNames.FROM, "<sip:a@example.com>;tag=a").add(HeaderNames.TO, "<sip:pf@example.com>;tag=pf")
                .add(HeaderNames.CALL_ID, "c").add(HeaderNames.CSEQ, "2 BYE");
        if (reason != null) {
            b.add(HeaderNames.REASON, reason);
        }
        return b.build();
    }

    private static ByeOutcome run(FakeByeSession s, Profile p, Leg sender, String reason) {
        return new ByeHandler(config(p, IwfByeCloses.SESSION)).onBye(s, sender, null, bye(reason));
    }

    @Test
    @DisplayName("PF-O-BYE-08/09/12/13/14/15: a device leaves with cause=200; the other device and the CF get BYEs; "
            + "GSO stored before the 200; media of the sender first, of the other device on its 200, all last")
    void multiDeviceLeaveInAGroup() {
        FakeByeSession s = new FakeByeSession(true);
        s.group = true;
        Leg phone = s.leg(LegKind.CLIENT, "phone", Side.CLIENT);
        s.leg(LegKind.CLIENT, "tablet", null);
        s.leg(LegKind.NETWORK, "cf", Side.NETWORK);
        ByeOutcome o = run(s, Profile.CPM21, phone, "SIP;cause=200");
        assertThat(o).isEqualTo(new ByeOutcome.ClientLeaves(true));
        assertThat(s.log).containsExactly("release phone", "BYE tablet SIP;cause=200;text=\"Call completed\"",
                "BYE cf SIP;cause=200");
        s.answerByes();
        // PF-O-BYE-14, RD-05/06 (CPM21): GSO stored, no GroupStateObjectID, no Message-UID
        assertThat(s.log.subList(3, s.log.size())).containsExactly("200 from tablet", "200 from cf", "gso", "answer 200",
                "release all", "end (client left)");
    }

    @Test
    @DisplayName("PF-O-BYE-14 with RD-05/RD-06 (CPM20-EARLY) and RD-01: all media first; GSO with GroupStateObjectID; "
            + "Message-UID = SIO UID in the 200")
    void earlyProfileLeave() {
        FakeByeSession s = new FakeByeSession(true);
        s.group = true;
        Leg phone = s.leg(LegKind.CLIENT, "phone", Side.CLIENT);
        s.leg(LegKind.NETWORK, "cf", Side.NETWORK);
        run(s, Profile.CPM20_EARLY, phone, null);
        s.answerByes();
        assertThat(s.log).containsExactly("release all", "BYE cf", "200 from cf", "gso +GroupStateObjectID",
                "answer 200 uid=uid-sio", "release all", "end (client left)");
    }

    @Test
    @DisplayName("PF-O-BYE-11/13: an interworked session: the client's BYE goes to each IWF; answered when all IWFs answered")
    void clientLeavesAnInterworkedSession() {
        FakeByeSession s = new FakeByeSession(true);
        Leg phone = s.leg(LegKind.CLIENT, "phone", Side.CLIENT);
        s.leg(LegKind.IWF, "sms", Side.NETWORK);
        s.leg(LegKind.IWF, "mms", null);
        run(s, Profile.CPM21, phone, "SIP;cause=200");
        assertThat(s.log).containsExactly("release phone", "BYE sms SIP;cause=200", "BYE mms SIP;cause=200");
        s.answerByes();
        assertThat(s.log).endsWith("record (client left)", "answer 200", "release all", "end (client left)");
    }

    @Test
    @DisplayName("PF-O-BYE-10 / AMB-15: a non-200 BYE from one device while another stays: answered at once, that leg only")
    void oneDeviceFails() {
        FakeByeSession s = new FakeByeSession(false);
        Leg phone = s.leg(LegKind.CLIENT, "phone", Side.CLIENT);
        s.leg(LegKind.CLIENT, "tablet", null);
        s.leg(LegKind.NETWORK, "peer", Side.NETWORK);
        assertThat(run(s, Profile.CPM21, phone, "SIP;cause=503")).isEqualTo(new ByeOutcome.LeaveOneDevice());
        assertThat(s.log).containsExactly("answer 200", "release phone");
        assertThat(s.legs).extracting(FakeByeSession::name).containsExactly("tablet", "peer");
        assertThat(s.ended).isFalse();
    }

    @Test
    @DisplayName("PF-O-BYE-16…20 (CPM21), AMB-06, AMB-15: the CF's BYE: session recorded, every client BYEd with the Reason, "
            + "no Message-UID; the CF answered after the clients; media last")
    void otherEntityEndsCpm21() {
        FakeByeSession s = new FakeByeSession(true);
        s.group = true;
        s.leg(LegKind.CLIENT, "phone", Side.CLIENT);
        s.leg(LegKind.CLIENT, "tablet", null);
        Leg cf = s.leg(LegKind.NETWORK, "cf", Side.NETWORK);
        ByeOutcome o = run(s, Profile.CPM21, cf, "SIP;cause=410;text=\"Gone\"");
        assertThat(((ByeOutcome.PeerEnds) o).by().restartable()).isFalse();
        assertThat(s.log).containsExactly("release cf", "record (peer left)", "BYE phone SIP;cause=410;text=\"Gone\"",
                "BYE tablet SIP;cause=410;text=\"Gone\"");
        s.answerByes();
        assertThat(s.log).endsWith("200 from tablet", "answer 200", "release all", "end (peer left)");
    }

    @Test
    @DisplayName("PF-O-BYE-17 with RD-07 (CPM20), PF-T-BYE-07/09/10: the BYE to the client carries the stored session's UID")
    void otherEntityEndsWithMessageUid() {
        for (boolean originating : new boolean[] {true, false}) {
            FakeByeSession s = new FakeByeSession(originating);
            s.leg(LegKind.CLIENT, "phone", Side.CLIENT);
            Leg peer = s.leg(LegKind.NETWORK, "peer", Side.NETWORK);
            run(s, originating ? Profile.CPM20 : Profile.CPM21, peer, null);
            s.answerByes();
            assertThat(s.log).containsExactly("release peer", "record (peer left)", "BYE phone uid=uid-rec",
                    "200 from phone", "answer 200", "release all", "end (peer left)");
        }
    }

    @Test
    @DisplayName("PF-T-BYE-08: the other entity's BYE goes to each IWF of an interworked terminating session")
    void otherEntityEndsInterworked() {
        FakeByeSession s = new FakeByeSession(false);
        s.prefs = new UserPreferences(false, true, true, false, List.of());
        Leg peer = s.leg(LegKind.NETWORK, "peer", Side.NETWORK);
        s.leg(LegKind.IWF, "sms", Side.CLIENT);
        run(s, Profile.CPM21, peer, "SIP;cause=200");
        s.answerByes();
        assertThat(s.log).containsExactly("release peer", "BYE sms SIP;cause=200", "200 from sms", "answer 200",
                "release all", "end (peer left)");
    }

    @Test
    @DisplayName("PF-O-BYE-21, PF-T-BYE-11, AMB-31: with several IWFs and iwf-bye-closes: streams, the IWF is answered at "
            + "once and a re-INVITE removes its streams; the session goes on")
    void iwfStreamsOnly() {
        for (boolean originating : new boolean[] {true, false}) {
            FakeByeSession s = new FakeByeSession(originating);
            s.leg(originating ? LegKind.CLIENT : LegKind.NETWORK, "towards", Side.CLIENT);
            Leg sms = s.leg(LegKind.IWF, "sms", Side.NETWORK);
            s.leg(LegKind.IWF, "mms", null);
            ByeOutcome o = new ByeHandler(config(Profile.CPM21, IwfByeCloses.STREAMS)).onBye(s, sms, null, bye(null));
            assertThat(o).isEqualTo(new ByeOutcome.IwfStreamsClose());
            assertThat(s.log).containsExactly("answer 200", "release sms", "re-INVITE towards without sms");
            assertThat(s.ended).isFalse();
        }
    }

    @Test
    @DisplayName("PF-O-BYE-22/23, PF-T-BYE-12, AMB-32: an IWF's BYE ends the session: stored, BYE on, the IWF answered "
            + "after the client (orig) or the other entity (term), media released after that")
    void iwfEndsSession() {
        FakeByeSession s = new FakeByeSession(false);
        Leg sms = s.leg(LegKind.IWF, "sms", Side.CLIENT);
        s.leg(LegKind.NETWORK, "peer", Side.NETWORK);
        assertThat(run(s, Profile.CPM21, sms, null)).isEqualTo(new ByeOutcome.IwfEndsSession());
        s.answerByes();
        assertThat(s.log).containsExactly("release sms", "record (IWF left)", "BYE peer", "200 from peer", "answer 200",
                "release all", "end (IWF left)");
    }

    @Test
    @DisplayName("PF-O-BYE-24…28: connection loss in a group session: the core is answered, the client's media released, "
            + "the PF remains towards the CF and intercepts; a later BYE from the CF is step 2 (PF-O-BYE-28)")
    void remainInGroup() {
        FakeByeSession s = new FakeByeSession(true);
        s.group = true;
        Leg phone = s.leg(LegKind.CLIENT, "phone", Side.CLIENT);
        Leg cf = s.leg(LegKind.NETWORK, "cf", Side.NETWORK);
        assertThat(run(s, Profile.CPM21, phone, "SIP;cause=503;text=\"Service Unavailable\""))
                .isEqualTo(new ByeOutcome.RemainInGroup(true));
        assertThat(s.log).containsExactly("answer 200", "release phone", "remain intercepting");
        assertThat(s.legs).containsExactly(cf);
        s.log.clear();
        assertThat(run(s, Profile.CPM21, cf, "SIP;cause=410")).isInstanceOf(ByeOutcome.PeerEnds.class);
        assertThat(s.log).containsExactly("release cf", "record (peer left)", "answer 200", "release all", "end (peer left)");
    }

    @Test
    @DisplayName("PF-O-BYE-29, AMB-37: connection loss, nothing allows remaining: answered at once, BYE propagated with "
            + "its Reason, media released")
    void propagate() {
        FakeByeSession s = new FakeByeSession(true);
        s.group = true;
        s.prefs = new UserPreferences(false, false, false, false, List.of());
        Leg phone = s.leg(LegKind.CLIENT, "phone", Side.CLIENT);
        s.leg(LegKind.NETWORK, "cf", Side.NETWORK);
        ByeOutcome o = ByeDecision.decide(ByeDecision.classify(LegKind.CLIENT, "SIP;cause=503", ByeVariant.of(Profile.CPM21, true)),
                new ByeDecision.Facts(false, 0, true, s.prefs, IwfByeCloses.SESSION, true, false), ByeVariant.of(Profile.CPM21, true));
        assertThat(o).isEqualTo(new ByeOutcome.Propagate(false));
        new ConnectionLoss(s, ByeVariant.of(Profile.CPM21, true), phone, null, bye("SIP;cause=503"), "SIP;cause=503", o).run();
        s.answerByes();
        assertThat(s.log).containsExactly("answer 200", "release phone", "BYE cf SIP;cause=503", "200 from cf",
                "release all", "end (connection lost)");
    }

    @Test
    @DisplayName("AMB-12: BYEs unanswered: the guard (8 s) answers the client's BYE anyway and the session ends")
    void guardTimer() {
        FakeByeSession s = new FakeByeSession(true);
        Leg phone = s.leg(LegKind.CLIENT, "phone", Side.CLIENT);
        s.leg(LegKind.NETWORK, "peer", Side.NETWORK);
        run(s, Profile.CPM21, phone, null);
        s.clock.advance(Duration.ofMillis(7999));
        assertThat(s.log).doesNotContain("answer 200");
        s.clock.advance(Duration.ofMillis(1));
        assertThat(s.log).endsWith("answer 200", "release all", "end (client left)");
        s.answerByes(); // a late 200 changes nothing
        assertThat(s.log).endsWith("200 from peer");
        assertThat(s.clock.pendingTasks()).isZero();
    }
}
