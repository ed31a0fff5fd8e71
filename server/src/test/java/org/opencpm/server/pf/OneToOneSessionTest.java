package org.opencpm.server.pf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.server.pf.media.Sdp;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.sim.SimPeer;

/**
 * A 1-1 CPM Session from alice to bob through alice's originating PF and bob's terminating PF, both
 * B2BUAs in the media path (§8.2.2.1, §8.3.2.1, §8.2.2.3, §8.3.2.3), on the in-memory network.
 */
class OneToOneSessionTest {

    private final PfTestBed bed = new PfTestBed();
    private final SimPeer alice = bed.client("alice", "127.0.0.2");
    private final SimPeer bob = bed.client("bob", "127.0.0.3");

    @Test
    @DisplayName("PF-O-INV-05..08, PF-T-INV-08/11/12, PF-O-INV-16/17, PF-T-INV-18, PF-O-INV-22, PF-T-INV-23: "
            + "a session is set up across two B2BUAs and bob's client sees a new INVITE from the PF")
    void aSessionIsSetUpThroughBothParticipatingFunctions() {
        SipRequest invite = bed.invite(alice, "alice", "sip:bob@example.com").build();
        alice.send(invite, bed.serverTarget);

        SipRequest atBob = bob.expectRequest("INVITE");
        // PF-T-INV-08 (and PF-O-INV-05): a new INVITE, the Request-URI retargeted to bob's contact by the core
        assertThat(atBob.callId()).isNotEqualTo(invite.callId());
        assertThat(atBob.requestUri().toString()).isEqualTo("sip:bob@127.0.0.3:5060");
        assertThat(atBob.header(HeaderNames.CONTRIBUTION_ID)).isEqualTo(invite.header(HeaderNames.CONTRIBUTION_ID));
        assertThat(atBob.header(HeaderNames.CONVERSATION_ID)).isEqualTo(invite.header(HeaderNames.CONVERSATION_ID));
        // PF-O-INV-06: the User-Agent states the PF's release
        assertThat(atBob.header(HeaderNames.USER_AGENT)).contains("CPM-serv/OMA2.1");
        // PF-O-INV-07 / AMB-10: the Contact is the PF's, carrying the client's feature tags, no device identity
        Address contact = atBob.contacts().get(0);
        assertThat(contact.sipUri().user()).startsWith("pf-");
        assertThat(contact.param("+g.3gpp.icsi-ref")).isNotNull();
        assertThat(atBob.header(HeaderNames.ACCEPT_CONTACT)).contains("cpm.session");
        // PF-T-INV-12: fork, parallel
        assertThat(atBob.header(HeaderNames.REQUEST_DISPOSITION)).isEqualTo("fork, parallel");
        // PF-O-INV-08: the SDP offer is derived, with the PF's MSRP path
        String offered = Sdp.parse(atBob.bodyAsString()).msrpSection();
        assertThat(offered).contains("a=path:msrp://127.0.0.1:2855/pf").contains("a=setup:actpass");

        bob.respond(atBob, PfTestBed.answer(bob, atBob, "b1"));
        SipResponse ok = alice.expectResponse(200);
        // PF-O-INV-16/17: the 200 carries the PF's release in Server, our own Contact and a derived SDP answer
        assertThat(ok.header(HeaderNames.SERVER)).contains("CPM-serv/OMA2.1");
        assertThat(ok.contacts().get(0).sipUri().user()).startsWith("pf-");
        assertThat(Sdp.parse(ok.bodyAsString()).msrpSection()).contains("a=path:msrp://127.0.0.1:2855/pf")
                .contains("a=setup:passive");

        // PF-O-INV-22 / PF-T-INV-23: the ACK is regenerated on the other dialog only when the client's arrives
        bob.expectNothing(java.time.Duration.ofMillis(100));
        alice.send(alice.ackFor(invite, ok));
        bob.expectRequest("ACK");

        // two relays: alice's PF (client c, network = bob's PF) and bob's PF (client b1)
        assertThat(bed.media.calls).hasSize(2);
        assertThat(bed.history.calls).containsExactlyInAnyOrder("started sip:alice@example.com orig",
                "started sip:bob@example.com term");
        assertThat(bed.pf().sessions().size()).isEqualTo(2);
    }

    @Test
    @DisplayName("PF-O-BYE-05/08/12/13/15, PF-T-BYE-02/07/09/10: alice leaves; BYE crosses both PFs with its Reason, "
            + "answered only after the far side answered, media released at the end")
    void aByeFromTheCallerCrossesBothParticipatingFunctions() {
        SipRequest invite = bed.invite(alice, "alice", "sip:bob@example.com").build();
        alice.send(invite, bed.serverTarget);
        SipRequest atBob = bob.expectRequest("INVITE");
        bob.respond(atBob, PfTestBed.answer(bob, atBob, "b1"));
        SipResponse ok = alice.expectResponse(200);
        alice.send(alice.ackFor(invite, ok));
        bob.expectRequest("ACK");
        bed.media.calls.clear();
        bed.history.calls.clear();

        SipRequest bye = PfTestBed.inDialog(alice, "BYE", invite, ok, 2).toBuilder()
                .set(HeaderNames.REASON, "SIP;cause=200;text=\"Call completed\"").build();
        alice.send(bye);
        SipRequest byeAtBob = bob.expectRequest("BYE");
        // AMB-06: the Reason travels with the BYE
        assertThat(byeAtBob.header(HeaderNames.REASON)).isEqualTo("SIP;cause=200;text=\"Call completed\"");
        // PF-O-BYE-13: alice's BYE is not answered before bob answered
        alice.expectNothing(java.time.Duration.ofMillis(200));
        bob.respond(byeAtBob, 200);
        alice.expectResponse(200);

        // PF-O-BYE-08 then PF-O-BYE-15: the client leg first, everything else last (RD-01, RD-11)
        assertThat(bed.media.calls).containsExactly(
                "release CLIENT leg", "release NETWORK leg", "release all", "release all");
        assertThat(bed.history.calls).containsExactly("ended sip:bob@example.com (peer left)",
                "ended sip:alice@example.com (client left)");
        bed.settle();
        assertThat(bed.pf().sessions().size()).isZero();
        assertThat(bed.pf().sessions().legs()).isZero();
        assertThat(bed.core.transactions().activeTransactions()).isZero();
    }

    @Test
    @DisplayName("PF-T-INV-06/14: bob has no suitable client: 480, and no session is left behind")
    void noSuitableClientGets480() {
        SimPeer carolPhone = bed.net.peer("127.0.0.4", 5060);
        bed.register(carolPhone, "carol", ";+sip.instance=\"<urn:uuid:carol-old>\""); // no CPM session ICSI
        SipRequest invite = bed.invite(alice, "alice", "sip:carol@example.com").build();
        alice.send(invite, bed.serverTarget);
        SipResponse r = alice.expectResponse(480);
        assertThat(r.to().tag()).isNotNull();
        alice.send(alice.ackFor(invite, r));
        bed.settle();
        assertThat(bed.pf().sessions().size()).isZero();
        assertThat(bed.core.transactions().activeTransactions()).isZero();
    }
}
