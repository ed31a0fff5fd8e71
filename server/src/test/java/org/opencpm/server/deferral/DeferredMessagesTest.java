package org.opencpm.server.deferral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.imdn.ImdnDocument;
import org.opencpm.msrp.imdn.ImdnMessages;
import org.opencpm.server.pf.pager.PagerTestBed;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.sim.SimPeer;

/**
 * §8.3.1.6 Defer Standalone CPM Messages on the in-memory network under virtual time: alice's pager
 * messages for bob, who has no suitable client, are stored (202 once durable), announced with a
 * {@code stored} processing notification when asked, delivered in order when bob registers, retried after a
 * failed delivery, and expired with a negative-delivery notification.
 */
class DeferredMessagesTest {

    private static final Duration EXPIRY = Duration.ofDays(7);

    private final PagerTestBed bed = new PagerTestBed("""
            users:
              sip:carol@example.com:
                preferences:
                  allow-defer: false
            """);
    private final InMemoryDeferredMessageStore store = new InMemoryDeferredMessageStore(bed.clock, EXPIRY);
    private final DeferredMessages deferral = bed.core.enableDeferral(store,
            DeferralSettings.DEFAULTS.withSweepInterval(Duration.ofHours(1)).withWindow(4));
    private final List<DeliverDeferredMessages.RunOutcome> runs = new ArrayList<>();
    private final SimPeer alice = bed.client("alice", "127.0.0.2");

    DeferredMessagesTest() {
        deferral.setRunListener(o -> {
            if (!o.toString().contains("alice")) {
                runs.add(o); // alice's own registration runs an empty delivery
            }
        });
    }

    private SipRequest message(String to, String id, String dispositions, String text) {
        String cpim = "From: <sip:alice@example.com>\r\nTo: <" + to + ">\r\nDateTime: 2026-11-22T03:00:00Z\r\n"
                + "NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: " + id + "\r\n"
                + (dispositions.isEmpty() ? "" : "imdn.Disposition-Notification: " + dispositions + "\r\n")
                + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text;
        return bed.message(alice, "alice", to).body("message/cpim", cpim).build();
    }

    private void deferForBob(String id, String dispositions) {
        alice.send(message("sip:bob@example.com", id, dispositions, "text of " + id), bed.serverTarget);
        alice.expectResponse(202);
    }

    private static ImdnDocument notificationIn(SipRequest request) throws Exception {
        List<ImdnDocument> docs = ImdnMessages.documents(CpimMessage.parse(request.body()));
        assertThat(docs).hasSize(1);
        return docs.get(0);
    }

    @Test
    @DisplayName("§8.3.1.6 / reference.md §4.6: 202 Accepted only once the store has committed the message")
    void acceptedOnlyWhenDurable() {
        store.holdCommits();
        alice.send(message("sip:bob@example.com", "m1", "", "hi"), bed.serverTarget);
        alice.expectNothing(Duration.ofSeconds(1));
        assertThat(store.rows).isEmpty();
        store.commit();
        alice.expectResponse(202);
        assertThat(store.inState(InMemoryDeferredMessageStore.State.PENDING)).hasSize(1);
        assertThat(store.rows.get(1L).message.sender()).isEqualTo("sip:alice@example.com");
        assertThat(store.rows.get(1L).message.messageId()).isEqualTo("m1");
    }

    @Test
    @DisplayName("§8.3.1.6 AMB-39/AMB-24: a user with allow-defer false gets no deferral; the sender gets 480")
    void allowDeferOffRejects() {
        alice.send(message("sip:carol@example.com", "m1", "", "hi"), bed.serverTarget);
        alice.expectResponse(480);
        assertThat(store.rows).isEmpty();
    }

    @Test
    @DisplayName("reference.md §4.6 / RFC 5438: processing requested → one processing/stored notification to alice, "
            + "on bob's behalf, with the message's id; a retransmission is stored once and not announced again")
    void storedProcessingNotification() throws Exception {
        deferForBob("m1", "positive-delivery, processing");
        SipRequest imdn = alice.expectRequest("MESSAGE");
        alice.respond(imdn, 200);
        ImdnDocument doc = notificationIn(imdn);
        assertThat(doc.messageId()).isEqualTo("m1");
        assertThat(doc.notification().statusElement()).isEqualTo("stored");
        assertThat(doc.recipientUri()).contains("sip:bob@example.com");
        assertThat(imdn.from().uri().toString()).isEqualTo("sip:bob@example.com");

        deferForBob("m1", "positive-delivery, processing"); // same imdn.Message-ID: a retransmission
        alice.expectNothing(Duration.ofSeconds(2));
        assertThat(store.rows).hasSize(1);
    }

    @Test
    @DisplayName("reference.md §4.6: no processing requested → no notification")
    void noNotificationUnlessAsked() {
        deferForBob("m1", "positive-delivery");
        alice.expectNothing(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("§8.3.1.6 delivery (PF-T-DEF-06 trigger A for pager mode): bob registers; his client gets every "
            + "deferred message in acceptance order with the original imdn.Message-ID, Conversation-ID and body; "
            + "each leaves the store only after the client's 2xx")
    void deliveredInOrderOnRegistration() throws Exception {
        List<SipRequest> sent = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            SipRequest m = message("sip:bob@example.com", "m" + i, "", "text " + i);
            sent.add(m);
            alice.send(m, bed.serverTarget);
            alice.expectResponse(202);
        }
        SimPeer bob = bed.client("bob", "127.0.0.3");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            SipRequest got = bob.expectRequest("MESSAGE");
            CpimMessage cpim = CpimMessage.parse(got.body());
            ids.add(cpim.imdnMessageId().orElseThrow());
            SipRequest original = sent.get(i - 1);
            assertThat(got.bodyAsString()).isEqualTo(original.bodyAsString());
            assertThat(got.header(HeaderNames.CONVERSATION_ID)).isEqualTo(original.header(HeaderNames.CONVERSATION_ID));
            assertThat(got.header(HeaderNames.CONTRIBUTION_ID)).isEqualTo(original.header(HeaderNames.CONTRIBUTION_ID));
            assertThat(got.header(HeaderNames.P_ASSERTED_IDENTITY)).isEqualTo("<sip:alice@example.com>");
            assertThat(store.rows.get((long) i).state).isEqualTo(InMemoryDeferredMessageStore.State.IN_FLIGHT);
            bob.respond(got, 200);
            bed.clock.runPending();
            assertThat(store.rows.get((long) i).state).isEqualTo(InMemoryDeferredMessageStore.State.DELIVERED);
        }
        assertThat(ids).containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10");
        bob.expectNothing(Duration.ofSeconds(5));
        assertThat(runs).containsExactly(new DeliverDeferredMessages.RunOutcome.Completed("sip:bob@example.com", 10));
    }

    @Test
    @DisplayName("§8.3.1.6 delivery: the client refuses one message (500); it stays pending, nothing after it is sent "
            + "ahead of it, and the retry after the back-off delivers the rest in order")
    void aFailedDeliveryIsRetriedInOrder() throws Exception {
        deferForBob("m1", "");
        deferForBob("m2", "");
        SimPeer bob = bed.client("bob", "127.0.0.3");
        bed.clock.runPending();
        // window 4: both go out; m1 fails, m2 succeeds
        SipRequest first = bob.expectRequest("MESSAGE");
        SipRequest second = bob.expectRequest("MESSAGE");
        assertThat(CpimMessage.parse(first.body()).imdnMessageId()).contains("m1");
        bob.respond(first, 500);
        bob.respond(second, 200);
        bed.clock.runPending();
        assertThat(store.rows.get(1L).state).isEqualTo(InMemoryDeferredMessageStore.State.PENDING);
        assertThat(store.rows.get(2L).state).isEqualTo(InMemoryDeferredMessageStore.State.DELIVERED);
        assertThat(runs).containsExactly(new DeliverDeferredMessages.RunOutcome.Interrupted("sip:bob@example.com", 1,
                500, Duration.ofSeconds(2)));
        bob.expectNothing(Duration.ofMillis(1900));
        SipRequest retry = bob.expectRequest("MESSAGE");
        assertThat(CpimMessage.parse(retry.body()).imdnMessageId()).contains("m1");
        assertThat(store.rows.get(1L).attempts).isEqualTo(2);
        bob.respond(retry, 200);
        bed.clock.runPending();
        assertThat(store.inState(InMemoryDeferredMessageStore.State.PENDING)).isEmpty();
    }

    @Test
    @DisplayName("§8.3.1.6 delivery: a client that never answers (Timer F, 408) leaves the message pending for the "
            + "retry; after maxRetries the run stops and the next registration delivers it")
    void anUnansweredDeliveryWaitsForTheNextTrigger() {
        deferForBob("m1", "");
        SimPeer bob = bed.client("bob", "127.0.0.3");
        bob.setPatience(Duration.ofMinutes(3));
        java.util.Set<String> attempts = new java.util.HashSet<>();
        for (org.opencpm.sip.transport.Inbound in; (in = bob.poll()) != null; ) {
            attempts.add(((SipRequest) in.message()).callId()); // never answered; retransmissions share a Call-ID
        }
        assertThat(attempts).hasSize(1 + DeferralSettings.DEFAULTS.maxRetries());
        assertThat(runs.get(runs.size() - 1)).isInstanceOf(DeliverDeferredMessages.RunOutcome.Interrupted.class);
        assertThat(((DeliverDeferredMessages.RunOutcome.Interrupted) runs.get(runs.size() - 1)).retryIn()).isNull();
        assertThat(store.inState(InMemoryDeferredMessageStore.State.PENDING)).hasSize(1);

        deferral.clientAvailable(SipUri.parse("sip:bob@example.com")); // e.g. a third-party REGISTER (IMS)
        SipRequest again = bob.expectRequest("MESSAGE");
        bob.respond(again, 200);
        bed.clock.runPending();
        assertThat(store.inState(InMemoryDeferredMessageStore.State.DELIVERED)).hasSize(1);
    }

    @Test
    @DisplayName("PF-IMDN-OB-01/03/04: a deferred message expires undelivered; alice asked for negative-delivery and "
            + "gets a delivery notification with status failed on bob's behalf; it is removed and never delivered")
    void expiryWithNegativeDeliveryNotification() throws Exception {
        deferForBob("m1", "positive-delivery, negative-delivery");
        deferForBob("m2", "positive-delivery"); // expires silently
        bed.clock.advance(EXPIRY.minus(Duration.ofMinutes(1)));
        alice.expectNothing(Duration.ZERO);
        bed.register(alice, "alice", ";+g.3gpp.icsi-ref=\"" + PagerTestBed.MSG_ICSI + "\""); // her first binding expired
        alice.setPatience(Duration.ofHours(1));
        SipRequest imdn = alice.expectRequest("MESSAGE");
        alice.respond(imdn, 200);
        ImdnDocument doc = notificationIn(imdn);
        assertThat(doc.messageId()).isEqualTo("m1");
        assertThat(doc.notification().type().name()).isEqualTo("DELIVERY");
        assertThat(doc.notification().statusElement()).isEqualTo("failed");
        assertThat(doc.recipientUri()).contains("sip:bob@example.com");
        alice.expectNothing(Duration.ofSeconds(5));
        assertThat(store.rows).isEmpty();

        SimPeer bob = bed.client("bob", "127.0.0.3");
        bob.expectNothing(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("PF-IMDN-TD-01 API: another procedure defers a SIP MESSAGE (e.g. an IMDN) for an unavailable user "
            + "through DeferredMessages.defer and gets Stored once durable")
    void publicDeferApi() {
        List<DeferOutcome> outcomes = new ArrayList<>();
        deferral.defer(SipUri.parse("sip:bob@example.com"), message("sip:bob@example.com", "n1", "", "x"))
                .thenAccept(outcomes::add);
        bed.clock.runPending();
        assertThat(outcomes).hasSize(1).first().isInstanceOf(DeferOutcome.Stored.class);
        deferral.defer(SipUri.parse("sip:carol@example.com"), message("sip:carol@example.com", "n2", "", "x"))
                .thenAccept(outcomes::add);
        bed.clock.runPending();
        assertThat(outcomes.get(1)).isEqualTo(new DeferOutcome.Refused(DeferStandaloneMessage.NOT_ALLOWED));
    }
}
