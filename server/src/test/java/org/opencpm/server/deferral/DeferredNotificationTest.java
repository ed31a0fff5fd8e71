package org.opencpm.server.deferral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.server.pf.pager.PagerTestBed;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.sim.SimPeer;

/**
 * §8.3.5 para 1 end to end with the deferral of §8.3.1.6: bob's display notification for alice, who is
 * offline, is deferred (202), and reaches alice's client when she registers; a duplicate of it sent
 * meanwhile is dropped by alice's PF and never stored.
 */
class DeferredNotificationTest {

    private final PagerTestBed bed = new PagerTestBed();
    private final InMemoryDeferredMessageStore store = new InMemoryDeferredMessageStore(bed.clock, Duration.ofDays(7));

    DeferredNotificationTest() {
        bed.core.enableDeferral(store, DeferralSettings.DEFAULTS.withSweepInterval(Duration.ofHours(1)));
    }

    private SipRequest displayed(SimPeer bob, String id) {
        String cpim = "From: <sip:bob@example.com>\r\nTo: <sip:alice@example.com>\r\n"
                + "NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: n-" + System.nanoTime() + "\r\n"
                + "DateTime: 2026-11-22T03:00:01Z\r\n\r\n"
                + "Content-Type: message/imdn+xml\r\nContent-Disposition: notification\r\n\r\n"
                + "<?xml version=\"1.0\" encoding=\"UTF-8\"?><imdn xmlns=\"urn:ietf:params:xml:ns:imdn\"><message-id>"
                + id + "</message-id><datetime>2026-11-22T03:00:00Z</datetime>"
                + "<display-notification><status><displayed/></status></display-notification></imdn>";
        return bed.message(bob, "bob", "sip:alice@example.com").body("message/cpim", cpim).build();
    }

    @Test
    @DisplayName("PF-IMDN-TD-01: a notification for a user with no available client is deferred per §8.3.1.6 and "
            + "delivered on her registration; PF-IMDN-T-04: its duplicate is not deferred again")
    void aNotificationWaitsForItsRecipient() {
        SimPeer bob = bed.client("bob", "127.0.0.3");
        bob.send(displayed(bob, "A1"), bed.serverTarget);
        bob.expectResponse(202);
        bob.send(displayed(bob, "A1"), bed.serverTarget);
        bob.expectResponse(200);
        assertThat(store.inState(InMemoryDeferredMessageStore.State.PENDING)).hasSize(1);

        SimPeer alice = bed.client("alice", "127.0.0.2");
        SipRequest atAlice = alice.expectRequest("MESSAGE");
        assertThat(atAlice.bodyAsString()).contains("<message-id>A1</message-id>").contains("<displayed/>");
        assertThat(atAlice.header(HeaderNames.CONTENT_TYPE)).isEqualTo("message/cpim");
        alice.respond(atAlice, 200);
        alice.expectNothing(Duration.ofSeconds(2));
    }
}
