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
 * Non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6), T1 = 500 ms, T2 = 4 s, T4 = 5 s.
 *
 * Verifies:
 *  - §17.1.2.2  Timer E at T1, doubling, capped at T2, only on UDP
 *  - §17.1.2.2  in Proceeding Timer E is reset to T2
 *  - §17.1.2.2  Timer F (64·T1) ends the transaction with a Timeout
 *  - §17.1.2.2  Completed absorbs response retransmissions; Timer K T4 on UDP, 0 on TCP
 *  - §17.1.4    a transport error is a 503 outcome
 *  - §17.1.3    a response for another method with the same branch does not match
 * Does not verify: RFC 4320 (408 to non-INVITE) behaviour, which is the TU's.
 */
class ClientNonInviteTransactionTest {

    private final TxHarness h = new TxHarness();
    private final TxHarness.Recorder rec = h.new Recorder();

    @AfterEach
    void noStateMachineSawAnEventItCouldNotTake() {
        assertThat(h.layer.unexpectedEvents()).isZero();
    }

    @Test
    void timerERetransmitsAtT1DoublingCappedAtT2UntilTimerF() {
        ClientTransaction tx = h.layer.sendRequest(h.request("MESSAGE"), h.peerTarget(Transport.UDP), rec);

        h.advance(31_999);
        assertThat(tx.stateName()).isEqualTo("Trying");
        h.advance(1);

        assertThat(h.sentAt(SimPacket.request("MESSAGE")))
                .containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L);
        assertThat(rec.events).containsExactly("32000 failure 408");
        assertThat(rec.failure).isEqualTo(new TransactionFailure.Timeout("F"));
        assertThat(h.layer.activeTransactions()).isZero();
        assertThat(h.clock.pendingTasks()).isZero();
    }

    @Test
    void inProceedingTimerERetransmitsEveryT2() {
        h.layer.sendRequest(h.request("MESSAGE"), h.peerTarget(Transport.UDP), rec);
        SipRequest message = h.peer.expectRequest("MESSAGE");
        h.peer.respond(message, 100);
        h.advance(10_000);

        assertThat(h.sentAt(SimPacket.request("MESSAGE"))).containsExactly(0L, 500L, 4500L, 8500L);
        assertThat(rec.events).containsExactly("0 provisional 100");
    }

    @Test
    void noRetransmissionOnTcpAndTimerFStillRuns() {
        h.layer.sendRequest(h.request("OPTIONS"), h.peerTarget(Transport.TCP), rec);
        h.advance(40_000);

        assertThat(h.sentAt(SimPacket.request("OPTIONS"))).containsExactly(0L);
        assertThat(rec.events).containsExactly("32000 failure 408");
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void completedAbsorbsRetransmittedFinalsUntilTimerK() {
        ClientTransaction tx = h.layer.sendRequest(h.request("MESSAGE"), h.peerTarget(Transport.UDP), rec);
        SipRequest message = h.peer.expectRequest("MESSAGE");
        h.advance(200);
        SipResponse ok = h.peer.respond(message, 200);
        h.advance(500);
        h.peer.respond(message, ok);
        h.clock.runPending();

        assertThat(rec.events).containsExactly("200 final 200");
        assertThat(tx.stateName()).isEqualTo("Completed");
        h.advanceTo(5_199);
        assertThat(tx.isTerminated()).isFalse();
        h.advance(1);
        assertThat(tx.isTerminated()).as("Timer K = T4 after the 200").isTrue();
        assertThat(h.sentAt(SimPacket.request("MESSAGE"))).containsExactly(0L);
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void timerKIsZeroOnTcp() {
        ClientTransaction tx = h.layer.sendRequest(h.request("MESSAGE"), h.peerTarget(Transport.TCP), rec);
        SipRequest message = h.peer.expectRequest("MESSAGE");
        h.peer.respond(message, 202);
        h.clock.runPending();

        assertThat(rec.events).containsExactly("0 final 202");
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void aResponseWithTheSameBranchButAnotherMethodDoesNotMatch() {
        h.layer.sendRequest(h.request("MESSAGE"), h.peerTarget(Transport.UDP), rec);
        SipRequest message = h.peer.expectRequest("MESSAGE");
        SipResponse wrong = message.createResponse(200).toBuilder().set("CSeq", "1 OPTIONS").build();
        h.peer.respond(message, wrong);
        h.clock.runPending();

        assertThat(rec.events).isEmpty();
        assertThat(h.tu.stray).hasSize(1);
    }

    @Test
    void aTransportErrorIsA503Outcome() {
        h.layer.sendRequest(h.request("MESSAGE"), Target.of(Transport.TCP, "127.0.0.9", 5060), rec);
        h.clock.runPending();

        assertThat(rec.events).containsExactly("0 failure 503");
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void aResponseOnAClosedConnectionComesBackOnANewConnectionToTheSentByPort() {
        h.layer.sendRequest(h.request("MESSAGE"), h.peerTarget(Transport.TCP), rec);
        SipRequest message = h.peer.expectRequest("MESSAGE");
        h.node.closeConnections();
        h.peer.respond(message, 200);
        h.clock.runPending();

        // §18.2.2: "the server SHOULD open a connection to the IP address in the received parameter ... and the port in the sent-by value"
        assertThat(rec.events).containsExactly("0 final 200");
        assertThat(h.net.trace(SimPacket.response(200)).get(0).to().getPort()).isEqualTo(5060);
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void aRequestOnAKnownFlowGoesOverThatConnection() {
        // The peer registers over TCP; the stack then reaches it on the same connection (RFC 5626 §5.3).
        SipRequest register = h.peer.newRequest("REGISTER", "sip:127.0.0.1:5060").build();
        register = register.toBuilder().set("Via", register.header("Via").replace("/UDP", "/TCP")).build();
        h.peer.send(register, h.node.target(Transport.TCP));
        h.clock.runPending();
        ServerTransaction reg = h.tu.requests.get(0);
        reg.respond(TxHarness.answer(reg.request(), 200));
        SipResponse registered = h.peer.expectResponse(200);

        h.layer.sendRequest(h.request("MESSAGE"), reg.flow(), rec);
        SipRequest message = h.peer.expectRequest("MESSAGE");
        assertThat(h.peer.flowOf(message)).as("the peer's own connection, not a new one to 5070")
                .isSameAs(h.peer.flowOf(registered));
        assertThat(h.peer.node().connections()).hasSize(1);
        assertThat(message.topVia().transport()).isEqualTo("TCP");
        h.peer.respond(message, 200);
        h.clock.runPending();
        assertThat(rec.events).containsExactly("0 final 200");
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void everyDurationComesFromTheConfiguredTimerValues() {
        TxHarness fast = new TxHarness(new SipTimers(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(1)));
        TxHarness.Recorder r = fast.new Recorder();
        fast.layer.sendRequest(fast.request("OPTIONS"), fast.peerTarget(Transport.UDP), r);
        fast.advance(7_000);

        assertThat(fast.sentAt(SimPacket.request("OPTIONS")))
                .startsWith(0L, 100L, 300L, 700L, 1100L, 1500L).endsWith(6300L);
        assertThat(r.events).containsExactly("6400 failure 408");
        assertThat(fast.layer.activeTransactions()).isZero();
    }
}
