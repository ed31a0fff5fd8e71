package org.opencpm.server.pf.pager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.sim.SimPeer;

/**
 * Pager-mode CPM Standalone Messages (SIP MESSAGE with a CPIM body) from alice's client through alice's
 * originating PF (§8.2.1.1) and bob's terminating PF (§8.3.1.1, reached by PF-T-DSP-01), on the
 * in-memory network under virtual time.
 */
class PagerModeTest {

    private final PagerTestBed bed = new PagerTestBed("""
            users:
              sip:bob@example.com:
                preferences:
                  blacklist: [sip:mallory@example.com]
              sip:eve@example.com:
                authorized: false
            """);
    private final SimPeer alice = bed.client("alice", "127.0.0.2");

    @Test
    @DisplayName("PF-T-DSP-01 §8.2.1.1/§8.3.1.1: alice's message crosses both PFs; bob's client gets it with the CPM "
            + "headers and CPIM body unchanged, alice gets 200")
    void aMessageIsDeliveredThroughBothParticipatingFunctions() {
        SimPeer bob = bed.client("bob", "127.0.0.3");
        SipRequest message = bed.message(alice, "alice", "sip:bob@example.com").build();
        alice.send(message, bed.serverTarget);

        SipRequest atBob = bob.expectRequest("MESSAGE");
        assertThat(atBob.requestUri().toString()).isEqualTo("sip:bob@127.0.0.3:5060");
        assertThat(atBob.header(HeaderNames.CONVERSATION_ID)).isEqualTo(message.header(HeaderNames.CONVERSATION_ID));
        assertThat(atBob.header(HeaderNames.CONTRIBUTION_ID)).isEqualTo(message.header(HeaderNames.CONTRIBUTION_ID));
        assertThat(atBob.header(HeaderNames.ACCEPT_CONTACT)).contains("cpm.msg");
        assertThat(atBob.header(HeaderNames.P_ASSERTED_IDENTITY)).isEqualTo("<sip:alice@example.com>");
        assertThat(atBob.contentType()).isEqualTo("message/cpim");
        assertThat(atBob.bodyAsString()).isEqualTo(message.bodyAsString());
        assertThat(atBob.maxForwards()).isLessThan(message.maxForwards());

        bob.respond(atBob, 200);
        SipResponse ok = alice.expectResponse(200);
        assertThat(ok.to().tag()).isNotNull();
        assertThat(ok.header(HeaderNames.SERVER)).contains("CPM-serv");
        bed.settle();
        assertThat(bed.core.transactions().activeTransactions()).isZero();
    }

    @Test
    @DisplayName("PF-T-DSP-01 AMB-02: bob has two suitable devices and a third without the msg ICSI; both suitable "
            + "ones get the message in parallel, the first 2xx answers alice")
    void everySuitableDeviceGetsTheMessage() {
        SimPeer phone = bed.client("bob", "127.0.0.3");
        SimPeer tablet = bed.client("bob", "127.0.0.4");
        SimPeer legacy = bed.net.peer("127.0.0.5", 5060);
        bed.register(legacy, "bob", ";+g.3gpp.icsi-ref=\"" + PagerTestBed.SESSION_ICSI + "\"");
        alice.send(bed.message(alice, "alice", "sip:bob@example.com").build(), bed.serverTarget);

        SipRequest onPhone = phone.expectRequest("MESSAGE");
        SipRequest onTablet = tablet.expectRequest("MESSAGE");
        legacy.expectNothing(Duration.ofMillis(200));
        assertThat(onTablet.bodyAsString()).isEqualTo(onPhone.bodyAsString());

        alice.expectNothing(Duration.ofMillis(100));
        tablet.respond(onTablet, 200);
        alice.expectResponse(200);
        phone.respond(onPhone, 200);
        alice.expectNothing(Duration.ofMillis(200)); // one final response only
        bed.settle();
        assertThat(bed.core.transactions().activeTransactions()).isZero();
    }

    @Test
    @DisplayName("PF-T-DSP-01: a client that accepts for later (202) makes alice's answer 202")
    void a202FromTheClientIsPassedOn() {
        SimPeer bob = bed.client("bob", "127.0.0.3");
        alice.send(bed.message(alice, "alice", "sip:bob@example.com").build(), bed.serverTarget);
        bob.respond(bob.expectRequest("MESSAGE"), 202);
        alice.expectResponse(202);
    }

    @Test
    @DisplayName("RFC 3261 §16.7 (AMB-25): every device fails; alice gets the best error (486 over 500, 503 → 500 rule)")
    void theBestErrorIsReturnedWhenEveryDeviceFails() {
        SimPeer phone = bed.client("bob", "127.0.0.3");
        SimPeer tablet = bed.client("bob", "127.0.0.4");
        alice.send(bed.message(alice, "alice", "sip:bob@example.com").build(), bed.serverTarget);
        phone.respond(phone.expectRequest("MESSAGE"), 500);
        tablet.respond(tablet.expectRequest("MESSAGE"), 486);
        alice.expectResponse(486);
    }

    @Test
    @DisplayName("§8.3.1.1 AMB-02/AMB-24: bob has no suitable client; the default DeferralDecision rejects with 480")
    void noSuitableClientGets480() {
        alice.send(bed.message(alice, "alice", "sip:bob@example.com").build(), bed.serverTarget);
        SipResponse r = alice.expectResponse(480);
        assertThat(r.to().tag()).isNotNull();
        bed.settle();
        assertThat(bed.core.transactions().activeTransactions()).isZero();
    }

    @Test
    @DisplayName("§8.3.1.6 seam (issue 6): a DeferralDecision that defers is asked with the parsed CPIM, and alice gets 202")
    void theDeferralSeamIsAskedWhenNoClientCanTakeTheMessage() {
        List<String> asked = new ArrayList<>();
        bed.pf().setDeferralDecision((user, message, cpim) -> {
            asked.add(user + " " + cpim.imdnMessageId().orElse("?"));
            return CompletableFuture.completedFuture(new DeferralDecision.Decision.Deferred());
        });
        alice.send(bed.message(alice, "alice", "sip:bob@example.com").build(), bed.serverTarget);
        alice.expectResponse(202);
        assertThat(asked).containsExactly("sip:bob@example.com M1");
    }

    @Test
    @DisplayName("§8.3.1.6 seam: the decision completes later (the store commits on its own thread); alice is answered "
            + "only then, 202 for a deferred message")
    void theSenderIsAnsweredOnlyWhenTheDeferralHasDecided() {
        CompletableFuture<DeferralDecision.Decision> later = new CompletableFuture<>();
        bed.pf().setDeferralDecision((user, message, cpim) -> later);
        alice.send(bed.message(alice, "alice", "sip:bob@example.com").build(), bed.serverTarget);
        alice.expectNothing(Duration.ofMillis(400)); // UDP Timer E would retransmit; no answer yet
        later.complete(new DeferralDecision.Decision.Deferred());
        alice.expectResponse(202);
        bed.settle();
        assertThat(bed.core.transactions().activeTransactions()).isZero();
    }

    @Test
    @DisplayName("§8.3.1.6 seam: a deferral that fails (store error) answers 500, never 202")
    void aFailedDeferralIsNotAcknowledged() {
        bed.pf().setDeferralDecision((user, message, cpim) -> CompletableFuture.failedFuture(
                new IllegalStateException("disk full")));
        alice.send(bed.message(alice, "alice", "sip:bob@example.com").build(), bed.serverTarget);
        assertThat(alice.expectResponse(500).reason()).isEqualTo("Deferred storage failed");
    }

    @Test
    @DisplayName("PF-T-INV-03 for pager mode: a blacklisted sender gets 403 with Warning 399 \"122 Function not allowed\"")
    void aBlacklistedSenderIsRefused() {
        SimPeer mallory = bed.client("mallory", "127.0.0.6");
        SimPeer bob = bed.client("bob", "127.0.0.3");
        mallory.send(bed.message(mallory, "mallory", "sip:bob@example.com").build(), bed.serverTarget);
        SipResponse r = mallory.expectResponse(403);
        assertThat(r.header(HeaderNames.WARNING)).isEqualTo("399 example.com \"122 Function not allowed\"");
        bob.expectNothing(Duration.ofMillis(200));
    }

    @Test
    @DisplayName("PF-O-INV-01 for pager mode: an unauthorised served user gets 403 with \"127 Service not authorised\"")
    void anUnauthorisedSenderIsRefused() {
        SimPeer eve = bed.client("eve", "127.0.0.7");
        eve.send(bed.message(eve, "eve", "sip:alice@example.com").build(), bed.serverTarget);
        SipResponse r = eve.expectResponse(403);
        assertThat(r.header(HeaderNames.WARNING)).contains("127 Service not authorised");
        alice.expectNothing(Duration.ofMillis(200));
    }

    @Test
    @DisplayName("PF-O-INV-03 for pager mode: anonymity is not allowed by configuration → 403 \"119 Anonymity not allowed\"")
    void anonymityIsRefusedWhenNotAllowed() {
        PagerTestBed strict = new PagerTestBed("participating-function:\n  allow-anonymity: false\n");
        SimPeer a = strict.client("alice", "127.0.0.2");
        a.send(strict.message(a, "alice", "sip:bob@example.com").add(HeaderNames.PRIVACY, "id").build(),
                strict.serverTarget);
        assertThat(a.expectResponse(403).header(HeaderNames.WARNING)).contains("119 Anonymity not allowed");
    }

    @Test
    @DisplayName("§8.3.1.1 bad input: a body that is not CPIM gets 400 \"Bad CPIM: …\", nothing is delivered, nothing is left")
    void aMalformedCpimBodyGets400() {
        SimPeer bob = bed.client("bob", "127.0.0.3");
        alice.send(bed.message(alice, "alice", "sip:bob@example.com").body("message/cpim", "no headers here").build(),
                bed.serverTarget);
        SipResponse r = alice.expectResponse(400);
        assertThat(r.reason()).startsWith("Bad CPIM: ");
        bob.expectNothing(Duration.ofMillis(200));
        bed.settle();
        assertThat(bed.core.transactions().activeTransactions()).isZero();
    }

    @Test
    @DisplayName("§8.3.1.1 bad input: a body of another type gets 415")
    void aNonCpimBodyGets415() {
        alice.send(bed.message(alice, "alice", "sip:bob@example.com").body("text/plain", "hi").build(), bed.serverTarget);
        alice.expectResponse(415);
    }
}
