package org.opencpm.server.cf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.msrp.conference.ConferenceInfo;
import org.opencpm.msrp.conference.ConferenceUser;
import org.opencpm.msrp.conference.DisconnectionMethod;
import org.opencpm.msrp.conference.ElementState;
import org.opencpm.msrp.conference.EndpointStatus;
import org.opencpm.server.pf.media.Sdp;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.sim.SimPeer;

/**
 * A CPM Group Session at the Controlling Function (§9, reference §5): alice creates it at the conference
 * factory with bob and carol in the resource list; bob and carol are invited through their terminating
 * PFs. Transcripts of creation, conference-event notification, fan-out, leave, removal (CF-RM-01…08),
 * adding by REFER, the inactivity ending and restart, each ending with a leak check.
 *
 * <p>Verified: CF-RM-01…08 (removal by REFER; group ending by inactivity through the same procedure), AMB-35 (a)
 * default "departed", (b) removed user kept but no longer a member, (d) noresource, (e) a final response that is not
 * the removed client's own; reference §5.1 creation, §5.2 adding, §5.4 notifications, §5.5 re-join and restart (new and
 * reused Contribution-ID, 403 "127 Service not authorised"), RFC 5368 multiple REFER. Not verified here: a
 * {@code booted} configuration, concurrent restarts (two focus sessions) and the originating PF's group creation
 * (multipart INVITE), which the PF does not carry yet.
 */
class GroupSessionTest {

    static final String ALICE = "sip:alice@example.com";
    static final String BOB = "sip:bob@example.com";
    static final String CAROL = "sip:carol@example.com";

    private final CfTestBed bed = new CfTestBed("controlling-function:\n  inactivity-timeout: 60s\n");
    private final SimPeer alice = bed.direct("127.0.0.2");
    private final SimPeer bob = bed.client("bob", "127.0.0.3");
    private final SimPeer carol = bed.client("carol", "127.0.0.4");

    private SipRequest aliceInvite;
    private SipResponse aliceOk;
    private SipRequest atBob;
    private SipResponse bobOk;
    private SipRequest atCarol;
    private SipResponse carolOk;
    private int aliceCSeq = 1;

    /** alice creates the group; bob's and carol's INVITEs are taken, not yet answered. */
    private void create() {
        aliceInvite = bed.createInvite(alice, "alice", "conv-1", List.of(BOB, CAROL));
        alice.send(aliceInvite, bed.serverTarget);
        aliceOk = alice.expectResponse(200);
        alice.send(alice.ackFor(aliceInvite, aliceOk), bed.serverTarget);
        atBob = bob.expectRequest("INVITE");
        atCarol = carol.expectRequest("INVITE");
    }

    private void createAndJoinAll() {
        create();
        bobOk = bed.join(bob, atBob, "b1");
        carolOk = bed.join(carol, atCarol, "c1");
    }

    private String focus() {
        return aliceOk.contacts().get(0).sipUri().withoutParam("isfocus").toString();
    }

    private GroupSession group() {
        return bed.cf().byConversation("conv-1");
    }

    private SipRequest subscribeAlice() {
        SipRequest sub = bed.subscribe(alice, "alice", focus());
        alice.send(sub, bed.serverTarget);
        alice.expectResponse(200);
        return sub;
    }

    private static ConferenceInfo doc(SipRequest notify) throws Exception {
        assertThat(notify.header(HeaderNames.EVENT)).isEqualTo("conference");
        assertThat(notify.contentType()).startsWith(ConferenceInfo.CONTENT_TYPE);
        return ConferenceInfo.parse(notify.body());
    }

    private SipRequest notifyAt(SimPeer peer) {
        SipRequest n = peer.expectRequest("NOTIFY");
        peer.respond(n, 200);
        return n;
    }

    /** Ends the session by inactivity, answers nothing (timeouts count as final, AMB-35 e), checks for leaks. */
    private void endAndCheckLeaks() {
        bed.clock.advance(Duration.ofSeconds(61));
        bed.assertNoLeaks();
    }

    @Test
    @DisplayName("creation: INVITE with a resource list to the factory makes a focus (isfocus Contact, passive MSRP "
            + "answer) that invites both invitees through their terminating PFs, Referred-By the creator")
    void creationWithTwoInvitees() {
        create();
        // the CPM Group Session Identity: a focus URI in our domain, Contact with isfocus
        assertThat(aliceOk.contacts().get(0).sipUri().hasParam("isfocus")).isTrue();
        assertThat(focus()).startsWith("sip:grp").endsWith("@example.com");
        assertThat(Sdp.parse(aliceOk.bodyAsString()).msrpSection())
                .contains("a=path:msrp://127.0.0.1:2856/cf1").contains("a=setup:passive");
        for (SipRequest at : List.of(atBob, atCarol)) {
            assertThat(at.header(HeaderNames.REFERRED_BY)).isEqualTo("<" + ALICE + ">");
            assertThat(at.header(HeaderNames.CONVERSATION_ID)).isEqualTo("conv-1");
            assertThat(at.header(HeaderNames.CONTRIBUTION_ID)).isEqualTo(aliceInvite.header(HeaderNames.CONTRIBUTION_ID));
            assertThat(at.header(HeaderNames.SUBJECT)).isEqualTo("Weekend");
            assertThat(at.from().uri().toString()).isEqualTo(focus());
            // the terminating PF keeps isfocus in the Contact it puts in its place (AMB-10)
            assertThat(at.contacts().get(0).sipUri().hasParam("isfocus")).isTrue();
            assertThat(at.header(HeaderNames.ACCEPT_CONTACT)).contains("cpm.session");
        }
        assertThat(atBob.requestUri().toString()).isEqualTo("sip:bob@127.0.0.3:5060");
        // the embedded core record-routes the focus's dialogs: a focus URI names no address
        assertThat(aliceOk.header(HeaderNames.RECORD_ROUTE)).isEqualTo("<sip:127.0.0.1:5060;transport=udp;lr>");
        bobOk = bed.join(bob, atBob, "b1");
        carolOk = bed.join(carol, atCarol, "c1");
        assertThat(bed.media.calls).containsExactly("open " + ALICE, "open " + BOB, "open " + CAROL);
        assertThat(bed.cf().activeSessions()).isOne();
        endAndCheckLeaks();
    }

    @Test
    @DisplayName("conference event package: SUBSCRIBE to the focus gets 200 and a full NOTIFY (version 1), then a "
            + "partial NOTIFY per change with versions 2, 3 (joined, declined busy)")
    void notifyFullThenPartial() throws Exception {
        create();
        subscribeAlice();
        SipRequest first = notifyAt(alice);
        assertThat(first.header(HeaderNames.SUBSCRIPTION_STATE)).startsWith("active;expires=600");
        ConferenceInfo full = doc(first);
        assertThat(full.state()).isEqualTo(ElementState.FULL);
        assertThat(full.version().getAsLong()).isEqualTo(1);
        assertThat(full.entity()).isEqualTo(focus());
        assertThat(full.users()).extracting(ConferenceUser::entity).containsExactly(ALICE, BOB, CAROL);
        assertThat(full.user(BOB).orElseThrow().endpoints().get(0).status()).contains(EndpointStatus.DIALING_OUT);
        assertThat(full.user(ALICE).orElseThrow().roles()).containsExactly("chairman");
        assertThat(full.description().orElseThrow().subject()).contains("Weekend");
        assertThat(full.conferenceState().orElseThrow().userCount()).contains(1);

        bobOk = bed.join(bob, atBob, "b1");
        ConferenceInfo joined = doc(notifyAt(alice));
        assertThat(joined.state()).isEqualTo(ElementState.PARTIAL);
        assertThat(joined.version().getAsLong()).isEqualTo(2);
        assertThat(joined.users()).extracting(ConferenceUser::entity).containsExactly(BOB);
        assertThat(joined.users().get(0).endpoints().get(0).status()).contains(EndpointStatus.CONNECTED);

        carol.respond(atCarol, 486);
        carol.expectRequest("ACK");
        ConferenceInfo declined = doc(notifyAt(alice));
        assertThat(declined.version().getAsLong()).isEqualTo(3);
        assertThat(declined.users().get(0).entity()).isEqualTo(CAROL);
        assertThat(declined.users().get(0).endpoints().get(0).disconnectionMethod()).contains(DisconnectionMethod.BUSY);
        endAndCheckLeaks();
    }

    @Test
    @DisplayName("fan-out: a message from one participant goes to every other connected participant, CPIM From "
            + "set to the sender's real URI; a message to one participant (CPIM To) goes to that one only")
    void fanOut() {
        createAndJoinAll();
        bed.media.receive(ALICE, "message/cpim", CfTestBed.cpim("sip:mallory@example.com", "hello"));
        RecordingGroupMedia.RecordedLeg toBob = bed.media.legs.get(BOB);
        RecordingGroupMedia.RecordedLeg toCarol = bed.media.legs.get(CAROL);
        assertThat(toBob.sent).hasSize(1);
        assertThat(toCarol.sent).hasSize(1);
        assertThat(toBob.sent.get(0)).contains("From: <" + ALICE + ">").contains("hello").doesNotContain("mallory");
        assertThat(bed.media.legs.get(ALICE).sent).isEmpty();

        String imdn = "From: <" + BOB + ">\r\nTo: <" + ALICE + ">\r\n\r\nContent-Type: message/imdn+xml\r\n"
                + "Content-Length: 2\r\n\r\nok";
        bed.media.receive(BOB, "message/cpim", imdn);
        assertThat(bed.media.legs.get(ALICE).sent).hasSize(1);
        assertThat(toCarol.sent).hasSize(1);
        endAndCheckLeaks();
    }

    @Test
    @DisplayName("leave: bob's BYE (Reason SIP;cause=200) through his PF is answered 200, his media released and the "
            + "subscribers told 'departed'; he is no longer a member")
    void leaveIsDeparted() throws Exception {
        createAndJoinAll();
        subscribeAlice();
        notifyAt(alice);
        bob.send(bed.fromCallee(bob, "BYE", atBob, bobOk, 1)
                .add(HeaderNames.REASON, "SIP;cause=200;text=\"Call completed\"").build());
        bob.expectResponse(200);
        ConferenceInfo left = doc(notifyAt(alice));
        assertThat(left.version().getAsLong()).isEqualTo(2);
        assertThat(left.users().get(0).entity()).isEqualTo(BOB);
        assertThat(left.users().get(0).endpoints().get(0).status()).contains(EndpointStatus.DISCONNECTED);
        assertThat(left.users().get(0).endpoints().get(0).disconnectionMethod()).contains(DisconnectionMethod.DEPARTED);
        assertThat(bed.media.calls).endsWith("release " + BOB);
        assertThat(group().isMember(BOB)).isFalse();
        endAndCheckLeaks();
    }

    @Test
    @DisplayName("CF-RM-01, CF-RM-02, CF-RM-03, CF-RM-04, CF-RM-05, CF-RM-06, CF-RM-07, CF-RM-08: alice's REFER "
            + "(method=BYE) removes bob: BYE with Reason 410 and Referred-By alice via the core, media released at once, "
            + "bob kept as disconnected, 'departed' only after the BYE's 200, bob's subscription terminated noresource")
    void removalByRefer() throws Exception {
        createAndJoinAll();
        subscribeAlice();
        notifyAt(alice);
        SipRequest bobSub = bed.subscribe(bob, "bob", focus());
        bob.send(bobSub, bed.serverTarget);
        bob.expectResponse(200);
        notifyAt(bob);

        // CF-RM-01: the removal request is a REFER in alice's dialog with the focus
        SipRequest refer = bed.fromCaller(alice, "REFER", aliceInvite, aliceOk, ++aliceCSeq)
                .add(HeaderNames.REFER_TO, "<" + BOB + ";method=BYE>")
                .add(HeaderNames.REFER_SUB, "false")
                .add(HeaderNames.CONTACT, "<sip:alice@127.0.0.2:5060>")
                .build();
        alice.send(refer, bed.serverTarget);
        assertThat(alice.expectResponse(202).header(HeaderNames.REFER_SUB)).isEqualTo("false");

        SipRequest byeAtBob = bob.expectRequest("BYE");
        // CF-RM-02/03/04: the BYE as the CF sent it, towards bob's terminating PF (the dialog's next hop)
        SipRequest sent = (SipRequest) bed.net.trace(p -> p.isRequest("BYE") && p.to().getHostString().equals("127.0.0.1"))
                .get(0).message();
        assertThat(sent.header(HeaderNames.REASON)).startsWith("SIP;cause=410");
        assertThat(sent.header(HeaderNames.REFERRED_BY)).isEqualTo("<" + ALICE + ">");
        assertThat(byeAtBob.header(HeaderNames.REASON)).startsWith("SIP;cause=410");
        // CF-RM-05: media released without waiting for the BYE's answer
        assertThat(bed.media.calls).endsWith("release " + BOB);
        // CF-RM-06: bob stays in the Participants Information, disconnecting, no longer a member
        Participant p = group().participant(BOB);
        assertThat(p).isNotNull();
        assertThat(p.status).isEqualTo(EndpointStatus.DISCONNECTING);
        assertThat(p.member).isFalse();
        // CF-RM-07: nobody is told before the final response
        alice.expectNothing(Duration.ofMillis(100));

        bob.respond(byeAtBob, 200);
        ConferenceInfo departed = doc(notifyAt(alice));
        assertThat(departed.users().get(0).entity()).isEqualTo(BOB);
        assertThat(departed.users().get(0).endpoints().get(0).status()).contains(EndpointStatus.DISCONNECTED);
        assertThat(departed.users().get(0).endpoints().get(0).disconnectionMethod()).contains(DisconnectionMethod.DEPARTED);
        assertThat(departed.users().get(0).endpoints().get(0).disconnectionInfo().orElseThrow().by()).contains(ALICE);
        // CF-RM-08: bob's own subscription ends, reason noresource (AMB-35 d)
        SipRequest atBobNotify = notifyAt(bob);
        assertThat(atBobNotify.header(HeaderNames.SUBSCRIPTION_STATE)).isEqualTo("active");
        SipRequest last = notifyAt(bob);
        assertThat(last.header(HeaderNames.SUBSCRIPTION_STATE)).isEqualTo("terminated;reason=noresource");
        // CF-RM-06: the full state still lists bob
        assertThat(doc(last).user(BOB)).isPresent();
        assertThat(bed.cf().subscriptions()).isOne();

        // a removed user cannot come back by himself (AMB-35 b)
        SipRequest rejoin = bed.sdpInvite(bob, "bob", focus(), "conv-1").toBuilder()
                .set(HeaderNames.ACCEPT_CONTACT, "*;+g.3gpp.icsi-ref=\"x\"").build();
        bob.send(rejoin, bed.serverTarget);
        SipResponse refused = bob.expectResponse(403);
        assertThat(refused.header(HeaderNames.WARNING)).contains("127 Service not authorised");
        endAndCheckLeaks();
    }

    @Test
    @DisplayName("adding by REFER: Refer-To a new user → the focus invites dave through his PF, Referred-By alice")
    void addingByRefer() {
        SimPeer dave = bed.client("dave", "127.0.0.5");
        createAndJoinAll();
        SipRequest refer = bed.fromCaller(alice, "REFER", aliceInvite, aliceOk, ++aliceCSeq)
                .add(HeaderNames.REFER_TO, "<sip:dave@example.com>")
                .add(HeaderNames.CONTACT, "<sip:alice@127.0.0.2:5060>")
                .build();
        alice.send(refer, bed.serverTarget);
        alice.expectResponse(202);
        // RFC 3515 implicit subscription: one final NOTIFY with the sipfrag
        SipRequest sipfrag = notifyAt(alice);
        assertThat(sipfrag.header(HeaderNames.EVENT)).isEqualTo("refer");
        assertThat(sipfrag.bodyAsString()).startsWith("SIP/2.0 200");
        SipRequest atDave = dave.expectRequest("INVITE");
        assertThat(atDave.header(HeaderNames.REFERRED_BY)).isEqualTo("<" + ALICE + ">");
        assertThat(atDave.header(HeaderNames.CONVERSATION_ID)).isEqualTo("conv-1");
        bed.join(dave, atDave, "d1");
        assertThat(bed.media.calls).endsWith("open sip:dave@example.com");
        endAndCheckLeaks();
    }

    @Test
    @DisplayName("inactivity: no message for controlling-function.inactivity-timeout ends the session with BYE "
            + "Reason SIP;cause=480 to all, subscriptions terminated noresource; the group is kept for a restart")
    void inactivityEndsWith480() {
        createAndJoinAll();
        subscribeAlice();
        notifyAt(alice);
        bed.clock.advance(Duration.ofSeconds(30));
        bed.media.receive(BOB, "message/cpim", CfTestBed.cpim(BOB, "still here")); // restarts the timer
        bed.clock.advance(Duration.ofSeconds(59));
        alice.expectNothing(Duration.ofMillis(500));
        bed.clock.advance(Duration.ofMillis(500));

        SipRequest byeAlice = alice.expectRequest("BYE");
        assertThat(byeAlice.header(HeaderNames.REASON)).startsWith("SIP;cause=480");
        assertThat(bed.media.calls).contains("release " + ALICE, "release " + BOB, "release " + CAROL);
        alice.respond(byeAlice, 200);
        for (SimPeer peer : List.of(bob, carol)) {
            SipRequest bye = peer.expectRequest("BYE");
            assertThat(bye.header(HeaderNames.REASON)).startsWith("SIP;cause=480");
            peer.respond(bye, 200);
        }
        // alice's subscription: departed notices, then terminated;reason=noresource
        SipRequest n;
        do {
            n = notifyAt(alice);
        } while (!n.header(HeaderNames.SUBSCRIPTION_STATE).startsWith("terminated"));
        assertThat(n.header(HeaderNames.SUBSCRIPTION_STATE)).isEqualTo("terminated;reason=noresource");
        assertThat(bed.cf().groups()).isOne();
        assertThat(group().state()).isEqualTo(GroupSession.State.INACTIVE);
        bed.assertNoLeaks();
    }

    @Test
    @DisplayName("restart: a non-member's INVITE to the focus or to the factory with the group's Conversation-ID gets "
            + "403 \"127 Service not authorised\"; a member's restart re-invites the other members, same Conversation-ID, "
            + "new Contribution-ID accepted")
    void restartByNonMemberIsRefusedAndByMemberReinvites() {
        createAndJoinAll();
        bed.clock.advance(Duration.ofSeconds(61));
        bed.settle(); // BYEs unanswered: their timeouts count as final responses (AMB-35 e)
        assertThat(group().state()).isEqualTo(GroupSession.State.INACTIVE);
        drain(alice, bob, carol);

        SimPeer dave = bed.direct("127.0.0.5");
        SipRequest toFocus = bed.sdpInvite(dave, "dave", focus(), "conv-1");
        dave.send(toFocus, bed.serverTarget);
        SipResponse refused = dave.expectResponse(403);
        assertThat(refused.header(HeaderNames.WARNING)).isEqualTo("399 example.com \"127 Service not authorised\"");
        dave.send(dave.ackFor(toFocus, refused), bed.serverTarget);
        SipRequest toFactory = bed.createInvite(dave, "dave", "conv-1", List.of(BOB));
        dave.send(toFactory, bed.serverTarget);
        SipResponse refusedAgain = dave.expectResponse(403);
        assertThat(refusedAgain.header(HeaderNames.WARNING)).contains("127 Service not authorised");
        dave.send(dave.ackFor(toFactory, refusedAgain), bed.serverTarget);

        SipRequest restart = bed.sdpInvite(alice, "alice", focus(), "conv-1");
        alice.send(restart, bed.serverTarget);
        SipResponse ok = alice.expectResponse(200);
        assertThat(ok.contacts().get(0).sipUri().withoutParam("isfocus").toString()).isEqualTo(focus());
        alice.send(alice.ackFor(restart, ok), bed.serverTarget);
        SipRequest again = bob.expectRequest("INVITE");
        assertThat(again.header(HeaderNames.CONVERSATION_ID)).isEqualTo("conv-1");
        assertThat(again.header(HeaderNames.CONTRIBUTION_ID)).isEqualTo(restart.header(HeaderNames.CONTRIBUTION_ID));
        assertThat(carol.expectRequest("INVITE").header(HeaderNames.CONVERSATION_ID)).isEqualTo("conv-1");
        assertThat(group().state()).isEqualTo(GroupSession.State.ACTIVE);
        bed.join(bob, again, "b2");
        endAndCheckLeaks();
    }

    @Test
    @DisplayName("re-join through the originating PF: bob's client INVITEs the focus URI (plain SDP, same "
            + "Conversation-ID); his PF takes it to the focus, which replaces his old dialog and media leg")
    void rejoinThroughTheOriginatingPf() {
        createAndJoinAll();
        SipRequest rejoin = bed.sdpInvite(bob, "bob", focus(), "conv-1").toBuilder()
                .set(HeaderNames.CONTRIBUTION_ID, aliceInvite.header(HeaderNames.CONTRIBUTION_ID)).build();
        bob.send(rejoin, bed.serverTarget);
        SipResponse ok = null;
        SipRequest oldBye = null;
        for (int i = 0; i < 2; i++) {
            var in = bob.poll();
            assertThat(in).as("message " + i + " at bob").isNotNull();
            if (in.message() instanceof SipResponse r) {
                assertThat(r.status()).isEqualTo(200);
                ok = r;
            } else {
                oldBye = (SipRequest) in.message();
                assertThat(oldBye.method()).isEqualTo("BYE");
                assertThat(oldBye.callId()).isEqualTo(atBob.callId());
            }
        }
        assertThat(ok).isNotNull();
        assertThat(oldBye).isNotNull();
        // the originating PF stands in for the focus in its Contact, keeping isfocus (AMB-10)
        assertThat(ok.contacts().get(0).sipUri().hasParam("isfocus")).isTrue();
        bob.send(bob.ackFor(rejoin, ok));
        bob.respond(oldBye, 200);
        Participant p = group().participant(BOB);
        assertThat(p.status).isEqualTo(EndpointStatus.CONNECTED);
        assertThat(p.joining).isEqualTo(org.opencpm.msrp.conference.JoiningMethod.DIALED_IN);
        assertThat(bed.media.calls).containsSubsequence("open " + BOB, "release " + BOB, "open " + BOB);

        bed.media.receive(ALICE, "message/cpim", CfTestBed.cpim(ALICE, "welcome back"));
        assertThat(bed.media.legs.get(BOB).sent).containsExactly(bed.media.legs.get(CAROL).sent.get(0));
        endAndCheckLeaks();
    }

    @Test
    @DisplayName("CF-RM-07, AMB-35 (e): the removed participant never answers the BYE; 'departed' goes out only "
            + "when the BYE gets its final response (here the one carol's PF gives up with), not before")
    void removalWithoutAnswerNotifiesAfterTheFinalResponse() throws Exception {
        createAndJoinAll();
        subscribeAlice();
        notifyAt(alice);
        alice.send(bed.fromCaller(alice, "REFER", aliceInvite, aliceOk, ++aliceCSeq)
                .add(HeaderNames.REFER_TO, "<" + CAROL + ";method=BYE>").add(HeaderNames.REFER_SUB, "false").build(),
                bed.serverTarget);
        alice.expectResponse(202);
        carol.expectRequest("BYE");
        Duration sentAt = bed.clock.elapsed();
        alice.setPatience(Duration.ofSeconds(40));
        SipRequest n = notifyAt(alice);
        Duration notifiedAt = bed.clock.elapsed();
        List<Duration> finals = bed.net.trace(p -> p.message() instanceof SipResponse r && r.status() >= 200
                && r.cseq().method().equals("BYE") && p.to().getHostString().equals("127.0.0.1"))
                .stream().map(p -> p.at()).toList();
        if (finals.isEmpty()) {
            // no response at all: the CF's own Timer F (64·T1) is the final response
            assertThat(notifiedAt.minus(sentAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(32));
        } else {
            assertThat(finals.get(0)).isGreaterThan(sentAt.plusSeconds(1)).isLessThanOrEqualTo(notifiedAt);
        }
        ConferenceInfo departed = doc(n);
        assertThat(departed.users().get(0).entity()).isEqualTo(CAROL);
        assertThat(departed.users().get(0).endpoints().get(0).disconnectionMethod()).contains(DisconnectionMethod.DEPARTED);
        endAndCheckLeaks();
    }

    @Test
    @DisplayName("last BYE: when every participant has left with cause 200, the session and the group end; the "
            + "remaining subscription is terminated with reason=noresource")
    void lastByeEndsTheGroup() {
        createAndJoinAll();
        SipRequest sub = bed.subscribe(carol, "carol", focus());
        carol.send(sub, bed.serverTarget);
        carol.expectResponse(200);
        notifyAt(carol);
        bob.send(bed.fromCallee(bob, "BYE", atBob, bobOk, 1).add(HeaderNames.REASON, "SIP;cause=200").build());
        bob.expectResponse(200);
        notifyAt(carol);
        alice.send(bed.fromCaller(alice, "BYE", aliceInvite, aliceOk, ++aliceCSeq)
                .add(HeaderNames.REASON, "SIP;cause=200").build(), bed.serverTarget);
        alice.expectResponse(200);
        notifyAt(carol);
        assertThat(bed.cf().activeSessions()).isOne();
        carol.send(bed.fromCallee(carol, "BYE", atCarol, carolOk, 1).add(HeaderNames.REASON, "SIP;cause=200").build());
        // carol's own departure ends her subscription first (she left), and with her the session
        SipRequest n;
        do {
            n = notifyAt(carol);
        } while (!n.header(HeaderNames.SUBSCRIPTION_STATE).startsWith("terminated"));
        assertThat(n.header(HeaderNames.SUBSCRIPTION_STATE)).isEqualTo("terminated;reason=noresource");
        carol.expectResponse(200);
        assertThat(bed.cf().groups()).isZero();
        bed.assertNoLeaks();
    }

    @Test
    @DisplayName("restart at the factory by a member, reusing the original Contribution-ID (RCS 5.x) and the "
            + "Conversation-ID: the same focus answers and the other members are invited again")
    void restartAtTheFactoryWithTheReusedContributionId() {
        createAndJoinAll();
        String focus = focus();
        bed.clock.advance(Duration.ofSeconds(61));
        bed.settle();
        drain(alice, bob, carol);
        SipRequest restart = bed.createInvite(alice, "alice", "conv-1", List.of(BOB, CAROL)).toBuilder()
                .set(HeaderNames.CONTRIBUTION_ID, aliceInvite.header(HeaderNames.CONTRIBUTION_ID)).build();
        alice.send(restart, bed.serverTarget);
        SipResponse ok = alice.expectResponse(200);
        assertThat(ok.contacts().get(0).sipUri().withoutParam("isfocus").toString()).isEqualTo(focus);
        alice.send(alice.ackFor(restart, ok), bed.serverTarget);
        assertThat(bob.expectRequest("INVITE").header(HeaderNames.CONTRIBUTION_ID))
                .isEqualTo(aliceInvite.header(HeaderNames.CONTRIBUTION_ID));
        carol.expectRequest("INVITE");
        assertThat(bed.cf().groups()).isOne();
        endAndCheckLeaks();
    }

    @Test
    @DisplayName("SUBSCRIBE to the focus by a non-member gets 403 \"127 Service not authorised\"; another event "
            + "package gets 489")
    void subscribeByNonMember() {
        create();
        SimPeer dave = bed.direct("127.0.0.5");
        dave.send(bed.subscribe(dave, "dave", focus()), bed.serverTarget);
        assertThat(dave.expectResponse(403).header(HeaderNames.WARNING)).contains("127 Service not authorised");
        SipRequest presence = bed.subscribe(alice, "alice", focus()).toBuilder().set(HeaderNames.EVENT, "presence").build();
        alice.send(presence, bed.serverTarget);
        alice.expectResponse(489);
        endAndCheckLeaks();
    }

    @Test
    @DisplayName("unsubscribe: SUBSCRIBE with Expires 0 in the subscription dialog ends it with a final NOTIFY")
    void unsubscribe() {
        create();
        SipRequest sub = bed.subscribe(alice, "alice", focus());
        alice.send(sub, bed.serverTarget);
        SipResponse ok = alice.expectResponse(200);
        SipRequest first = notifyAt(alice);
        SipRequest unsub = SipRequest.builder(SipRequest.SUBSCRIBE, first.contacts().get(0).uri())
                .add(HeaderNames.VIA, "SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bKunsub1;rport")
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, sub.header(HeaderNames.FROM))
                .add(HeaderNames.TO, ok.header(HeaderNames.TO))
                .add(HeaderNames.CALL_ID, sub.callId())
                .add(HeaderNames.CSEQ, "2 SUBSCRIBE")
                .add(HeaderNames.EVENT, "conference")
                .add(HeaderNames.EXPIRES, 0)
                .build();
        alice.send(unsub, bed.serverTarget);
        alice.expectResponse(200);
        assertThat(notifyAt(alice).header(HeaderNames.SUBSCRIPTION_STATE)).startsWith("terminated");
        assertThat(bed.cf().subscriptions()).isZero();
        endAndCheckLeaks();
    }

    @Test
    @DisplayName("bad creation requests: no recipients → 400, no MSRP media → 488, no Contribution-ID → 400; "
            + "nothing is left behind")
    void badCreationRequests() {
        SipRequest empty = bed.createInvite(alice, "alice", "conv-x", List.of());
        alice.send(empty, bed.serverTarget);
        alice.send(alice.ackFor(empty, alice.expectResponse(400)), bed.serverTarget);
        SipRequest audio = bed.sdpInvite(alice, "alice", CfTestBed.FACTORY, "conv-y").toBuilder()
                .body("application/sdp", "v=0\r\no=- 1 1 IN IP4 127.0.0.2\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\n"
                        + "m=audio 4000 RTP/AVP 0\r\n").build();
        alice.send(audio, bed.serverTarget);
        alice.send(alice.ackFor(audio, alice.expectResponse(488)), bed.serverTarget);
        SipRequest noContribution = bed.createInvite(alice, "alice", "conv-z", List.of(BOB)).toBuilder()
                .remove(HeaderNames.CONTRIBUTION_ID).build();
        alice.send(noContribution, bed.serverTarget);
        alice.send(alice.ackFor(noContribution, alice.expectResponse(400)), bed.serverTarget);
        assertThat(bed.cf().groups()).isZero();
        bed.assertNoLeaks();
    }

    @Test
    @DisplayName("a re-INVITE (session refresh with an offer) from a participant is answered 200 with the focus's "
            + "unchanged MSRP description; media stays up")
    void reInviteKeepsTheMedia() {
        createAndJoinAll();
        SipRequest reinvite = bed.fromCaller(alice, "INVITE", aliceInvite, aliceOk, ++aliceCSeq)
                .add(HeaderNames.CONTACT, "<sip:alice@127.0.0.2:5060>")
                .body("application/sdp", CfTestBed.sdp("127.0.0.2", "c-again", "active")).build();
        alice.send(reinvite, bed.serverTarget);
        SipResponse ok = alice.expectResponse(200);
        assertThat(Sdp.parse(ok.bodyAsString()).msrpSection()).contains("a=path:msrp://127.0.0.1:2856/cf1");
        alice.send(alice.ackFor(reinvite, ok), bed.serverTarget);
        assertThat(bed.media.calls).doesNotContain("release " + ALICE);
        endAndCheckLeaks();
    }

    @Test
    @DisplayName("MSRP loss of one participant: its dialog is released with a BYE (503), the others are told "
            + "(disconnection-method failed), it stays a member and may re-join; events of the old leg are ignored")
    void mediaLossOfOneParticipant() throws Exception {
        createAndJoinAll();
        subscribeAlice();
        notifyAt(alice);
        RecordingGroupMedia.RecordedLeg oldLeg = bed.media.legs.get(CAROL);
        oldLeg.listener.onLost("CONNECTION_RESET: test");
        SipRequest bye = carol.expectRequest("BYE");
        assertThat(bye.header(HeaderNames.REASON)).startsWith("SIP;cause=503");
        carol.respond(bye, 200);
        ConferenceInfo failed = doc(notifyAt(alice));
        assertThat(failed.users().get(0).endpoints().get(0).disconnectionMethod()).contains(DisconnectionMethod.FAILED);
        assertThat(group().isMember(CAROL)).isTrue();
        oldLeg.listener.onMessage("message/cpim", CfTestBed.cpim(CAROL, "ghost").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(bed.media.legs.get(ALICE).sent).isEmpty();
        endAndCheckLeaks();
    }

    @Test
    @DisplayName("CF-RM-01, CF-RM-02: a multiple REFER (RFC 5368, Refer-To cid: and a resource list of URIs with "
            + "method=BYE) removes bob and carol, each with a BYE with Reason 410")
    void multipleRefer() {
        createAndJoinAll();
        SipRequest refer = bed.fromCaller(alice, "REFER", aliceInvite, aliceOk, ++aliceCSeq)
                .add(HeaderNames.REFER_TO, "<cid:list1@example.com>")
                .add(HeaderNames.REQUIRE, "multiple-refer")
                .add(HeaderNames.REQUIRE, "norefersub")
                .add(HeaderNames.REFER_SUB, "false")
                .add(HeaderNames.CONTACT, "<sip:alice@127.0.0.2:5060>")
                .add(HeaderNames.CONTENT_DISPOSITION, "recipient-list")
                .body("application/resource-lists+xml", ResourceLists.document(List.of(BOB + ";method=BYE", CAROL + ";method=BYE")))
                .build();
        alice.send(refer, bed.serverTarget);
        alice.expectResponse(202);
        for (SimPeer peer : List.of(bob, carol)) {
            SipRequest bye = peer.expectRequest("BYE");
            assertThat(bye.header(HeaderNames.REASON)).startsWith("SIP;cause=410");
            peer.respond(bye, 200);
        }
        assertThat(bed.media.calls).contains("release " + BOB, "release " + CAROL);
        endAndCheckLeaks();
    }

    private static void drain(SimPeer... peers) {
        for (SimPeer p : peers) {
            p.setPatience(Duration.ZERO);
            while (p.poll() != null) {
                // discard what the unanswered teardown left
            }
            p.setPatience(Duration.ofSeconds(5));
        }
    }
}
