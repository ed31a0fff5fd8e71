package org.opencpm.server.pf.imdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.server.pf.imdn.ImdnTestBed.delivered;
import static org.opencpm.server.pf.imdn.ImdnTestBed.displayed;
import static org.opencpm.server.pf.imdn.ImdnTestBed.interworked;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.imdn.ImdnDocument;
import org.opencpm.msrp.imdn.ImdnMessages;
import org.opencpm.server.pf.pager.DeferralDecision;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.sim.SimPeer;

/**
 * Disposition notifications in pager mode (SIP MESSAGE with a CPIM-wrapped {@code message/imdn+xml}) through
 * the notifying user's originating PF (§8.2.4) and the original sender's terminating PF (§8.3.4, §8.3.5), on
 * the in-memory network under virtual time. Alice sent message M1; bob (and his devices) report on it. A peer
 * that does not register ("remote") stands for another network's PF sending to alice.
 */
class PagerNotificationTest {

    private final ImdnTestBed bed = new ImdnTestBed("""
            users:
              sip:carla@example.com:
                preferences:
                  allow-offline-storage: false
            """);
    private final SimPeer alice = bed.client("alice", "127.0.0.2");

    private static List<ImdnDocument> documents(SipRequest r) throws Exception {
        return ImdnMessages.documents(CpimMessage.parse(r.body()));
    }

    @Test
    @DisplayName("PF-IMDN-O-01, PF-IMDN-T-02, PF-IMDN-T-09: bob's delivery notification crosses bob's PF and alice's PF "
            + "and reaches alice's client unchanged; bob gets alice's 200")
    void aNotificationReachesTheOriginalSender() throws Exception {
        SimPeer bob = bed.client("bob", "127.0.0.3");
        SipRequest imdn = bed.imdn(bob, "bob", "sip:alice@example.com", delivered("M1"));
        bob.send(imdn, bed.serverTarget);

        SipRequest atAlice = alice.expectRequest("MESSAGE");
        assertThat(atAlice.bodyAsString()).isEqualTo(imdn.bodyAsString());
        assertThat(atAlice.header(HeaderNames.P_ASSERTED_IDENTITY)).isEqualTo("<sip:bob@example.com>");
        alice.respond(atAlice, 200);
        bob.expectResponse(200);
        assertThat(bed.outcomes).containsExactly("bob Forwarded M1 DELIVERY", "alice Forwarded M1 DELIVERY");
        bed.settle();
        assertThat(bed.core.transactions().activeTransactions()).isZero();
    }

    @Test
    @DisplayName("PF-IMDN-O-02 (AMB-21): bob's phone and tablet both report 'delivered'; alice gets one notification, "
            + "the second device is answered 200 by bob's PF")
    void twoDevicesOfTheRecipientReportOnce() {
        SimPeer phone = bed.client("bob", "127.0.0.3");
        SimPeer tablet = bed.client("bob", "127.0.0.4");
        phone.send(bed.imdn(phone, "bob", "sip:alice@example.com", delivered("M1")), bed.serverTarget);
        alice.respond(alice.expectRequest("MESSAGE"), 200);
        phone.expectResponse(200);

        tablet.send(bed.imdn(tablet, "bob", "sip:alice@example.com", delivered("M1")), bed.serverTarget);
        tablet.expectResponse(200);
        alice.expectNothing(Duration.ofSeconds(1));
        assertThat(bed.outcomes).containsExactly("bob Forwarded M1 DELIVERY", "alice Forwarded M1 DELIVERY",
                "bob Suppressed M1 DELIVERY PF-IMDN-O-02/PF-IMDN-T-04");
    }

    @Test
    @DisplayName("PF-IMDN-T-03, PF-IMDN-T-04: the same delivery notification arrives twice from another network; "
            + "the terminating PF forwards it once and answers the duplicate 200")
    void aDuplicateFromTheNetworkIsNotForwarded() {
        SimPeer remote = bed.net.peer("127.0.0.9", 5060);
        remote.send(bed.imdn(remote, "bob", "sip:alice@example.com", delivered("M1")), bed.serverTarget);
        alice.respond(alice.expectRequest("MESSAGE"), 200);
        remote.expectResponse(200);
        remote.send(bed.imdn(remote, "bob", "sip:alice@example.com", delivered("M1")), bed.serverTarget);
        remote.expectResponse(200);
        alice.expectNothing(Duration.ofSeconds(1));
        assertThat(bed.outcomes).containsExactly("alice Forwarded M1 DELIVERY",
                "alice Suppressed M1 DELIVERY PF-IMDN-T-04");
    }

    @Test
    @DisplayName("PF-IMDN-T-05: a delivery notification after an interworking notification for the same message is "
            + "not forwarded")
    void deliveryAfterInterworkingIsSuppressed() {
        SimPeer remote = bed.net.peer("127.0.0.9", 5060);
        remote.send(bed.imdn(remote, "bob", "sip:alice@example.com", interworked("M1")), bed.serverTarget);
        alice.respond(alice.expectRequest("MESSAGE"), 200);
        remote.expectResponse(200);
        remote.send(bed.imdn(remote, "bob", "sip:alice@example.com", delivered("M1")), bed.serverTarget);
        remote.expectResponse(200);
        alice.expectNothing(Duration.ofSeconds(1));
        assertThat(bed.outcomes).containsExactly("alice Forwarded M1 INTERWORKING",
                "alice Suppressed M1 DELIVERY PF-IMDN-T-05");
    }

    @Test
    @DisplayName("PF-IMDN-T-06: an interworking notification after a display notification is not forwarded; "
            + "PF-IMDN-T-08: a display notification after a delivery notification is")
    void interworkingAfterDisplayIsSuppressed() {
        SimPeer remote = bed.net.peer("127.0.0.9", 5060);
        for (String doc : List.of(delivered("M1"), displayed("M1"))) {
            remote.send(bed.imdn(remote, "bob", "sip:alice@example.com", doc), bed.serverTarget);
            alice.respond(alice.expectRequest("MESSAGE"), 200);
            remote.expectResponse(200);
        }
        remote.send(bed.imdn(remote, "bob", "sip:alice@example.com", interworked("M1")), bed.serverTarget);
        remote.expectResponse(200);
        alice.expectNothing(Duration.ofSeconds(1));
        assertThat(bed.outcomes).containsExactly("alice Forwarded M1 DELIVERY", "alice Forwarded M1 DISPLAY",
                "alice Suppressed M1 INTERWORKING PF-IMDN-T-06");
    }

    @Test
    @DisplayName("AMB-03: the key holds the notifying recipient: bob's and carla's delivery notifications for the same "
            + "group message M1 are both forwarded")
    void recipientsOfOneMessageAreIndependent() {
        SimPeer bob = bed.client("bob", "127.0.0.3");
        SimPeer carla = bed.client("carla", "127.0.0.5");
        bob.send(bed.imdn(bob, "bob", "sip:alice@example.com", delivered("M1")), bed.serverTarget);
        alice.respond(alice.expectRequest("MESSAGE"), 200);
        bob.expectResponse(200);
        carla.send(bed.imdn(carla, "carla", "sip:alice@example.com", delivered("M1")), bed.serverTarget);
        alice.respond(alice.expectRequest("MESSAGE"), 200);
        carla.expectResponse(200);
        assertThat(bed.outcomes).filteredOn(o -> o.startsWith("alice")).containsExactly(
                "alice Forwarded M1 DELIVERY", "alice Forwarded M1 DELIVERY");
    }

    @Test
    @DisplayName("PF-IMDN-O-03, PF-IMDN-O-04, PF-IMDN-TD-05, PF-IMDN-TD-06: bob's read report sets \\Seen on bob's copy "
            + "of M1 and is not stored on bob's side; alice's PF stores it next to M1 after delivering it")
    void readReportSetsSeenAndIsStoredOnlyOnTheReceivingSide() {
        SimPeer bob = bed.client("bob", "127.0.0.3");
        bob.send(bed.imdn(bob, "bob", "sip:alice@example.com", displayed("M1")), bed.serverTarget);
        SipRequest atAlice = alice.expectRequest("MESSAGE");
        assertThat(bed.history.calls).as("PF-IMDN-TD-05: stored only after a successful delivery")
                .containsExactly("seen sip:bob@example.com M1");
        alice.respond(atAlice, 200);
        bob.expectResponse(200);
        assertThat(bed.history.calls).containsExactly("seen sip:bob@example.com M1",
                "imdn stored sip:alice@example.com M1");
    }

    @Test
    @DisplayName("PF-IMDN-TD-04: a user whose preferences do not allow offline storage gets the notification, "
            + "nothing is stored")
    void noStorageWithoutThePreference() {
        SimPeer carla = bed.client("carla", "127.0.0.5");
        SimPeer remote = bed.net.peer("127.0.0.9", 5060);
        remote.send(bed.imdn(remote, "bob", "sip:carla@example.com", delivered("C1")), bed.serverTarget);
        carla.respond(carla.expectRequest("MESSAGE"), 200);
        remote.expectResponse(200);
        assertThat(bed.history.calls).isEmpty();
    }

    @Test
    @DisplayName("PF-IMDN-TD-05: a notification no client accepted is not stored; alice's error goes back")
    void aRefusedNotificationIsNotStored() {
        SimPeer remote = bed.net.peer("127.0.0.9", 5060);
        remote.send(bed.imdn(remote, "bob", "sip:alice@example.com", delivered("M1")), bed.serverTarget);
        alice.respond(alice.expectRequest("MESSAGE"), 415);
        remote.expectResponse(415);
        assertThat(bed.history.calls).isEmpty();
    }

    @Test
    @DisplayName("PF-IMDN-TD-01: alice has no available client; the notification is deferred per §8.3.1.6 (202), "
            + "with the default deferral it gets 480")
    void aNotificationForAnUnavailableUserIsDeferred() {
        SimPeer remote = bed.net.peer("127.0.0.9", 5060);
        remote.send(bed.imdn(remote, "bob", "sip:dave@example.com", delivered("D1")), bed.serverTarget);
        remote.expectResponse(480);

        List<String> deferred = new ArrayList<>();
        bed.pf().setDeferralDecision((user, message, cpim) -> {
            deferred.add(user + " " + cpim.contentType().orElse(""));
            return java.util.concurrent.CompletableFuture.completedFuture(new DeferralDecision.Decision.Deferred());
        });
        remote.send(bed.imdn(remote, "bob", "sip:dave@example.com", delivered("D2")), bed.serverTarget);
        remote.expectResponse(202);
        assertThat(deferred).containsExactly("sip:dave@example.com message/imdn+xml");
        assertThat(bed.outcomes).containsExactly("dave Forwarded D1 DELIVERY", "dave Forwarded D2 DELIVERY",
                "dave Deferred D2 DELIVERY");
        assertThat(bed.history.calls).as("AMB-22: a deferred notification is stored when delivered").isEmpty();
    }

    @Test
    @DisplayName("PF-IMDN-TD-01: alice's only client does not answer (408); the notification is deferred")
    void anUnreachableClientMakesTheNotificationDeferred() {
        List<String> deferred = new ArrayList<>();
        bed.pf().setDeferralDecision((user, message, cpim) -> {
            deferred.add(user.toString());
            return java.util.concurrent.CompletableFuture.completedFuture(new DeferralDecision.Decision.Deferred());
        });
        SimPeer remote = bed.net.peer("127.0.0.9", 5060);
        remote.send(bed.imdn(remote, "bob", "sip:alice@example.com", delivered("M1")), bed.serverTarget);
        alice.respond(alice.expectRequest("MESSAGE"), 480);
        remote.expectResponse(202);
        assertThat(deferred).containsExactly("sip:alice@example.com");
    }

    @Test
    @DisplayName("PF-IMDN-T-02, PF-IMDN-T-04 with aggregation (RFC 5438): of two documents the one already forwarded "
            + "is left out; alice gets a notification carrying only the new one")
    void anAggregatedNotificationLosesItsDuplicates() throws Exception {
        SimPeer remote = bed.net.peer("127.0.0.9", 5060);
        remote.send(bed.imdn(remote, "bob", "sip:alice@example.com", delivered("M1")), bed.serverTarget);
        alice.respond(alice.expectRequest("MESSAGE"), 200);
        remote.expectResponse(200);

        remote.send(bed.imdn(remote, "bob", "sip:alice@example.com", delivered("M1"), delivered("M2")), bed.serverTarget);
        SipRequest atAlice = alice.expectRequest("MESSAGE");
        assertThat(documents(atAlice)).extracting(ImdnDocument::messageId).containsExactly("M2");
        alice.respond(atAlice, 200);
        remote.expectResponse(200);
    }

    @Test
    @DisplayName("PF-IMDN-T-02: a notification whose IMDN document does not parse gets 400 naming the fault")
    void aBadImdnGets400() {
        SimPeer bob = bed.client("bob", "127.0.0.3");
        bob.send(bed.imdn(bob, "bob", "sip:alice@example.com", "<datetime>2026-11-22T03:00:00Z</datetime>"),
                bed.serverTarget);
        SipResponse r = bob.expectResponse(400);
        assertThat(r.reason()).startsWith("Bad IMDN: ");
        alice.expectNothing(Duration.ofMillis(500));
    }

    @Test
    @DisplayName("A MESSAGE whose CPIM carries text (not a notification) still takes the ordinary pager path")
    void ordinaryMessagesAreNotTaken() {
        SimPeer bob = bed.client("bob", "127.0.0.3");
        bob.send(bed.message(bob, "bob", "sip:alice@example.com", "B1", "positive-delivery"), bed.serverTarget);
        alice.respond(alice.expectRequest("MESSAGE"), 200);
        bob.expectResponse(200);
        assertThat(bed.outcomes).isEmpty();
    }
}
