package org.opencpm.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.sim.SimPacket;
import org.opencpm.sip.transport.Transport;

/*
 * Non-INVITE server transaction (RFC 3261 §17.2.2, Figure 8), T1 = 500 ms, on virtual time.
 *
 * Verifies:
 *  - §17.2.2  retransmissions in Trying are absorbed; in Proceeding/Completed the last response is re-sent
 *  - §17.2.2  the TU sees the request once
 *  - §17.2.2  Timer J: 64·T1 on UDP, 0 on TCP
 *  - §17.2.2  a second final response is refused, naming the state
 */
class ServerNonInviteTransactionTest {

    private final TxHarness h = new TxHarness();

    @AfterEach
    void noStateMachineSawAnEventItCouldNotTake() {
        assertThat(h.layer.unexpectedEvents()).isZero();
    }

    private SipRequest message(Transport t) {
        SipRequest r = h.peer.newRequest("MESSAGE", "sip:alice@127.0.0.1:5060").body("text/plain", "hi").build();
        if (t == Transport.TCP) {
            r = r.toBuilder().set("Via", r.header("Via").replace("/UDP", "/TCP")).build();
        }
        h.peer.send(r, h.node.target(t));
        return r;
    }

    @Test
    void retransmissionsAreAbsorbedThenAnsweredWithTheLastResponseUntilTimerJ() {
        SipRequest m = message(Transport.UDP);
        h.advance(500);
        h.peer.send(m, h.node.target(Transport.UDP));
        h.peer.expectNothing(Duration.ofMillis(500));
        ServerTransaction tx = h.tu.requests.get(0);
        assertThat(tx.stateName()).isEqualTo("Trying");

        tx.respond(TxHarness.answer(tx.request(), 100));
        h.peer.expectResponse(100);
        h.peer.send(m, h.node.target(Transport.UDP));
        h.peer.expectResponse(100);

        h.advance(1_000);
        tx.respond(TxHarness.answer(tx.request(), 200));
        h.peer.expectResponse(200);
        h.advance(2_000);
        h.peer.send(m, h.node.target(Transport.UDP));
        h.peer.expectResponse(200);

        assertThat(h.tu.requests).hasSize(1);
        assertThat(h.sentAt(SimPacket.response(200))).containsExactly(2000L, 4000L);
        assertThatThrownBy(() -> tx.respond(TxHarness.answer(tx.request(), 500)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Completed");

        h.advanceTo(33_999);
        assertThat(tx.isTerminated()).isFalse();
        h.advance(1);
        assertThat(tx.isTerminated()).as("Timer J = 64·T1 after the final response").isTrue();
        assertThat(h.tu.terminated).containsExactly("34000 MESSAGE");
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void timerJIsZeroOnTcp() {
        message(Transport.TCP);
        h.clock.runPending();
        ServerTransaction tx = h.tu.requests.get(0);
        tx.respond(TxHarness.answer(tx.request(), 200));
        h.peer.expectResponse(200);

        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void aRetransmissionAfterTimerJIsANewRequest() {
        SipRequest m = message(Transport.UDP);
        h.clock.runPending();
        h.tu.requests.get(0).respond(TxHarness.answer(m, 200));
        h.advance(40_000);
        h.peer.send(m, h.node.target(Transport.UDP));
        h.clock.runPending();
        assertThat(h.tu.requests).hasSize(2);
    }

    @Test
    void aTuThatThrowsLeavesA500NotAHangingTransaction() {
        h.tu.onRequest = tx -> {
            throw new IllegalStateException("bug in the TU");
        };
        message(Transport.UDP);
        SipResponse r = h.peer.expectResponse(500);
        assertThat(r.to().tag()).isNotNull();
        h.advance(40_000);
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void anAnswerCrossingATransportErrorBeforeAnyFinalResponseIsDroppedNotThrownAtTheTu() {
        SipRequest r = h.peer.newRequest("MESSAGE", "sip:alice@127.0.0.1:5060").body("text/plain", "hi").build();
        r = r.toBuilder().set("Via", "SIP/2.0/TCP 127.0.0.2:5999;branch=z9hG4bKgone").build();
        h.peer.send(r, h.node.target(Transport.TCP));
        h.clock.runPending();
        h.node.closeConnections();
        ServerTransaction tx = h.tu.requests.get(0);
        tx.respond(TxHarness.answer(tx.request(), 100));
        h.clock.runPending();
        assertThat(tx.isTerminated()).isTrue();

        tx.respond(TxHarness.answer(tx.request(), 202));
        h.clock.runPending();

        assertThat(h.layer.activeTransactions()).isZero();
    }
}
