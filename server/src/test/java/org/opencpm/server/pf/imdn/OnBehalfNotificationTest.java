package org.opencpm.server.pf.imdn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.imdn.DeliveryNotification;
import org.opencpm.msrp.imdn.ImdnDocument;
import org.opencpm.msrp.imdn.ImdnMessages;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.sim.SimPeer;

/** §8.2.5: bob's PF notifies alice on bob's behalf when bob's clients cannot. */
class OnBehalfNotificationTest {

    private final ImdnTestBed bed = new ImdnTestBed();
    private final SimPeer alice = bed.client("alice", "127.0.0.2");

    private static ImdnDocument onlyDocument(SipRequest r) throws Exception {
        return ImdnMessages.documents(CpimMessage.parse(r.body())).get(0);
    }

    @Test
    @DisplayName("PF-IMDN-OB-01, PF-IMDN-OB-04: delivery to bob's only client fails and alice asked for negative-delivery; "
            + "bob's PF sends alice a delivery notification <failed/> for M7 from bob")
    void negativeDeliveryOnFailure() throws Exception {
        SimPeer bob = bed.client("bob", "127.0.0.3");
        alice.send(bed.message(alice, "alice", "sip:bob@example.com", "M7", "positive-delivery, negative-delivery"),
                bed.serverTarget);
        bob.respond(bob.expectRequest("MESSAGE"), 486);
        SipResponse refused = alice.expectResponse(486);
        assertThat(refused).isNotNull();

        SipRequest imdn = alice.expectRequest("MESSAGE");
        ImdnDocument d = onlyDocument(imdn);
        assertThat(d.messageId()).isEqualTo("M7");
        assertThat(d.notification()).isEqualTo(new DeliveryNotification(DeliveryNotification.Status.FAILED));
        assertThat(d.recipientUri()).contains("sip:bob@example.com");
        assertThat(imdn.header(HeaderNames.P_ASSERTED_IDENTITY)).isEqualTo("<sip:bob@example.com>");
        alice.respond(imdn, 200);
        assertThat(bed.outcomes).contains("bob GeneratedOnBehalf M7 DELIVERY PF-IMDN-OB-01");
    }

    @Test
    @DisplayName("PF-IMDN-OB-01: without negative-delivery in the request no notification is generated")
    void noNegativeDeliveryWhenNotRequested() {
        SimPeer bob = bed.client("bob", "127.0.0.3");
        alice.send(bed.message(alice, "alice", "sip:bob@example.com", "M8", "positive-delivery"), bed.serverTarget);
        bob.respond(bob.expectRequest("MESSAGE"), 486);
        alice.expectResponse(486);
        alice.expectNothing(Duration.ofSeconds(2));
        assertThat(bed.outcomes).isEmpty();
    }

    @Test
    @DisplayName("PF-IMDN-OB-02 (AMB-20): bob's client is a CPM 1.0 client (Server: CPM-client/OMA1.0); alice asked for "
            + "positive-delivery, so bob's PF sends <delivered/> for it")
    void positiveDeliveryForALegacyClient() throws Exception {
        SimPeer bob = bed.client("bob", "127.0.0.3");
        alice.send(bed.message(alice, "alice", "sip:bob@example.com", "M9", "positive-delivery"), bed.serverTarget);
        SipRequest atBob = bob.expectRequest("MESSAGE");
        bob.respond(atBob, atBob.createResponse(200).toBuilder().set(HeaderNames.TO, atBob.to().withTag("b1"))
                .set(HeaderNames.SERVER, "CPM-client/OMA1.0 legacy").build());
        alice.expectResponse(200);
        SipRequest imdn = alice.expectRequest("MESSAGE");
        assertThat(onlyDocument(imdn).notification())
                .isEqualTo(new DeliveryNotification(DeliveryNotification.Status.DELIVERED));
        assertThat(bed.outcomes).contains("bob GeneratedOnBehalf M9 DELIVERY PF-IMDN-OB-02");
    }

    @Test
    @DisplayName("PF-IMDN-OB-02: a CPM 2.1 client sends its own notifications; the PF generates none")
    void noOnBehalfNotificationForACurrentClient() {
        SimPeer bob = bed.client("bob", "127.0.0.3");
        alice.send(bed.message(alice, "alice", "sip:bob@example.com", "M10", "positive-delivery"), bed.serverTarget);
        SipRequest atBob = bob.expectRequest("MESSAGE");
        bob.respond(atBob, atBob.createResponse(200).toBuilder().set(HeaderNames.TO, atBob.to().withTag("b1"))
                .set(HeaderNames.SERVER, "CPM-client/OMA2.1").build());
        alice.expectResponse(200);
        alice.expectNothing(Duration.ofSeconds(2));
        assertThat(bed.outcomes).isEmpty();
    }
}
