package org.opencpm.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.sim.SimPacket;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;

/*
 * INVITE client transaction (RFC 3261 §17.1.1, Figure 5; RFC 6026 §7.2), T1 = 500 ms, on virtual time.
 *
 * Verifies:
 *  - §17.1.1.2  Timer A retransmits at T1, 2·T1, 4·T1 ... (uncapped), only on UDP
 *  - §17.1.1.2  Timer B (64·T1) in Calling ends the transaction with a 408-like Timeout
 *  - §17.1.1.2  a 1xx stops retransmission (Calling -> Proceeding)
 *  - §17.1.1.3  the ACK for a non-2xx: same branch, To of the response, CSeq ACK; re-sent per retransmitted final
 *  - §17.1.1.2  Timer D: 32 s on UDP, 0 on TCP
 *  - RFC 6026   2xx -> Accepted; 2xx retransmissions go to the TU; Timer M (64·T1)
 *  - §9.1       CANCEL waits for a 1xx, is not sent after a final, has the INVITE's branch
 *  - §17.1.1.2  with lost INVITEs and a lost 180 the transaction still completes
 *  - §8.1.3.1   a transport error is a 503 outcome
 * Does not verify: Timer C (proxy core), RFC 3263 fail-over to another target.
 */
class ClientInviteTransactionTest {

    private final TxHarness h = new TxHarness();
    private final TxHarness.Recorder rec = h.new Recorder();

    @AfterEach
    void noStateMachineSawAnEventItCouldNotTake() {
        assertThat(h.layer.unexpectedEvents()).isZero();
    }

    @Test
    void timerARetransmitsTheInviteAtT1DoublingUntilTimerBEndsItAt64T1() {
        ClientTransaction tx = h.layer.sendRequest(h.request("INVITE"), h.peerTarget(Transport.UDP), rec);

        h.advance(31_999);
        assertThat(tx.stateName()).isEqualTo("Calling");
        assertThat(rec.events).isEmpty();
        h.advance(1);

        assertThat(h.sentAt(SimPacket.request("INVITE"))).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
        assertThat(rec.events).containsExactly("32000 failure 408");
        assertThat(rec.failure).isEqualTo(new TransactionFailure.Timeout("B"));
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.layer.activeTransactions()).isZero();
        assertThat(h.clock.pendingTasks()).isZero();
    }

    @Test
    void aReliableTransportNeverRetransmitsAndStillTimesOutWithTimerB() {
        ClientTransaction tx = h.layer.sendRequest(h.request("INVITE"), h.peerTarget(Transport.TCP), rec);

        h.advance(40_000);

        assertThat(h.sentAt(SimPacket.request("INVITE"))).containsExactly(0L);
        assertThat(rec.events).containsExactly("32000 failure 408");
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void aProvisionalStopsRetransmissionAndANon2xxIsAckedUntilTimerD() {
        ClientTransaction tx = h.layer.sendRequest(h.request("INVITE"), h.peerTarget(Transport.UDP), rec);
        SipRequest invite = h.peer.expectRequest("INVITE");
        h.peer.respond(invite, 180);
        h.advance(10_000);
        assertThat(tx.stateName()).isEqualTo("Proceeding");
        assertThat(h.sentAt(SimPacket.request("INVITE"))).containsExactly(0L);

        SipResponse busy = h.peer.respond(invite, 486);
        SipRequest ack = h.peer.expectRequest("ACK");
        assertThat(ack.topVia().branch()).isEqualTo(tx.branch());
        assertThat(ack.header("To")).isEqualTo(busy.header("To"));
        assertThat(ack.cseq().toString()).isEqualTo("1 ACK");
        assertThat(ack.requestUri()).isEqualTo(invite.requestUri());
        assertThat(rec.events).containsExactly("0 provisional 180", "10000 final 486");
        assertThat(rec.responses.get(1).topVia().branch()).as("responses arrive with our Via on top").isEqualTo(tx.branch());

        h.advance(1_000);
        h.peer.respond(invite, busy);
        h.peer.expectRequest("ACK");
        assertThat(rec.events).hasSize(2);

        h.advanceTo(41_999);
        assertThat(tx.stateName()).isEqualTo("Completed");
        h.advance(1);
        assertThat(tx.isTerminated()).as("Timer D 32 s after the 486").isTrue();
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void timerDIsZeroOnTcp() {
        ClientTransaction tx = h.layer.sendRequest(h.request("INVITE"), h.peerTarget(Transport.TCP), rec);
        SipRequest invite = h.peer.expectRequest("INVITE");
        h.peer.respond(invite, 603);
        h.peer.expectRequest("ACK");

        assertThat(rec.events).containsExactly("0 final 603");
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void a2xxMovesToAcceptedWhere2xxRetransmissionsReachTheTuUntilTimerM() {
        ClientTransaction tx = h.layer.sendRequest(h.request("INVITE"), h.peerTarget(Transport.UDP), rec);
        SipRequest invite = h.peer.expectRequest("INVITE");
        SipResponse ok = h.peer.respond(invite, 200);
        h.clock.runPending();
        assertThat(tx.stateName()).isEqualTo("Accepted");

        h.advance(500);
        h.peer.respond(invite, ok);
        h.advance(1_000);
        h.peer.respond(invite, ok);
        h.clock.runPending();

        assertThat(rec.events).containsExactly("0 final 200", "500 2xx again 200", "1500 2xx again 200");
        assertThat(h.net.trace(SimPacket.request("ACK"))).as("the TU, not the transaction, ACKs a 2xx").isEmpty();
        h.advanceTo(31_999);
        assertThat(tx.isTerminated()).isFalse();
        h.advance(1);
        assertThat(tx.isTerminated()).as("Timer M at 64·T1").isTrue();
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void cancelBeforeAProvisionalWaitsForTheFirst1xx() {
        ClientTransaction tx = h.layer.sendRequest(h.request("INVITE"), h.peerTarget(Transport.UDP), rec);
        SipRequest invite = h.peer.expectRequest("INVITE");
        tx.cancel("SIP;cause=487;text=\"gone\"");
        h.advance(100);
        assertThat(h.net.trace(SimPacket.request("CANCEL"))).isEmpty();

        h.peer.respond(invite, 180);
        SipRequest cancel = h.peer.expectRequest("CANCEL");
        assertThat(h.now()).isEqualTo(100);
        assertThat(cancel.topVia().branch()).isEqualTo(invite.topVia().branch());
        assertThat(cancel.cseq().toString()).isEqualTo("1 CANCEL");
        assertThat(cancel.header("To")).isEqualTo(invite.header("To"));
        assertThat(cancel.header("Reason")).isEqualTo("SIP;cause=487;text=\"gone\"");

        h.peer.respond(cancel, 200);
        h.peer.respond(invite, 487);
        h.peer.expectRequest("ACK");
        assertThat(rec.events).containsExactly("100 provisional 180", "100 final 487");

        h.advance(40_000);
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void cancelAfterAProvisionalIsSentAtOnceAndNeverAfterAFinal() {
        ClientTransaction tx = h.layer.sendRequest(h.request("INVITE"), h.peerTarget(Transport.UDP), rec);
        SipRequest invite = h.peer.expectRequest("INVITE");
        h.peer.respond(invite, 183);
        h.clock.runPending();
        tx.cancel(null);
        SipRequest cancel = h.peer.expectRequest("CANCEL");
        assertThat(cancel.hasHeader("Reason")).isFalse();
        h.peer.respond(cancel, 200);
        h.peer.respond(invite, 200);
        h.clock.runPending();
        tx.cancel(null);
        h.advance(40_000);

        assertThat(h.net.trace(SimPacket.request("CANCEL"))).hasSize(1);
        assertThat(rec.events).containsExactly("0 provisional 183", "0 final 200");
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void cancelWithoutAnyAnswerEndsTheInviteAfterTimerBRestarted() {
        ClientTransaction tx = h.layer.sendRequest(h.request("INVITE"), h.peerTarget(Transport.UDP), rec);
        SipRequest invite = h.peer.expectRequest("INVITE");
        h.peer.respond(invite, 180);
        h.advance(1_000);
        tx.cancel(null);
        h.net.dropAll(SimPacket.any());

        h.advance(33_000);

        assertThat(rec.events).containsExactly("0 provisional 180", "33000 failure 408");
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void lostInvitesAndALost180StillCompleteTheTransaction() {
        h.net.dropNext(2, SimPacket.request("INVITE"));
        h.net.dropNext(1, SimPacket.response(180));
        ClientTransaction tx = h.layer.sendRequest(h.request("INVITE"), h.peerTarget(Transport.UDP), rec);

        SipRequest invite = h.peer.expectRequest("INVITE");
        assertThat(h.now()).isEqualTo(1500);
        h.peer.respond(invite, 180);
        h.peer.expectRequest("INVITE");
        assertThat(h.now()).isEqualTo(3500);
        h.peer.respond(invite, 180);
        h.peer.respond(invite, 200);
        h.clock.runPending();

        assertThat(rec.events).containsExactly("3500 provisional 180", "3500 final 200");
        assertThat(h.sentAt(SimPacket.request("INVITE"))).containsExactly(0L, 500L, 1500L, 3500L);
        assertThat(tx.stateName()).isEqualTo("Accepted");
        h.advance(40_000);
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void duplicatedAndReorderedResponsesAreHandledOnce() {
        h.net.duplicateNext(SimPacket.response(180));
        h.net.reorderNext(SimPacket.response(183));
        ClientTransaction tx = h.layer.sendRequest(h.request("INVITE"), h.peerTarget(Transport.UDP), rec);
        SipRequest invite = h.peer.expectRequest("INVITE");
        h.peer.respond(invite, 183);
        h.peer.respond(invite, 180);
        h.peer.respond(invite, 486);
        h.peer.expectRequest("ACK");

        assertThat(rec.events).containsExactly("0 provisional 180", "0 provisional 180", "0 provisional 183", "0 final 486");
        assertThat(tx.stateName()).isEqualTo("Completed");
    }

    @Test
    void aConnectionRefusedIsA503Outcome() {
        ClientTransaction tx = h.layer.sendRequest(h.request("INVITE"), Target.of(Transport.TCP, "127.0.0.9", 5060), rec);
        h.clock.runPending();

        assertThat(rec.failure).isInstanceOf(TransactionFailure.TransportError.class);
        assertThat(rec.events).containsExactly("0 failure 503");
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.layer.activeTransactions()).isZero();
        assertThat(h.clock.pendingTasks()).isZero();
    }

    @Test
    void aResponseForNoTransactionIsStray() {
        h.layer.sendRequest(h.request("INVITE"), h.peerTarget(Transport.UDP), rec);
        SipRequest invite = h.peer.expectRequest("INVITE");
        SipResponse ok = h.peer.respond(invite, 200);
        h.advance(Duration.ofSeconds(40).toMillis());
        h.peer.respond(invite, ok);
        h.clock.runPending();

        assertThat(h.tu.stray).hasSize(1);
        assertThat(rec.events).containsExactly("0 final 200");
    }
}
