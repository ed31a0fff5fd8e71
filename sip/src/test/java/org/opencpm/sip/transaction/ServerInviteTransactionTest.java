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
 * INVITE server transaction (RFC 3261 §17.2.1, Figure 7; RFC 6026 §7.1) and the layer's own answers
 * (§9.2 CANCEL, §8.2.2.2 merged requests), T1 = 500 ms, T2 = 4 s, T4 = 5 s, on virtual time.
 *
 * Verifies:
 *  - §17.2.1   100 Trying after 200 ms when the TU is silent, none when it answers at once
 *  - §17.2.1   an INVITE retransmission in Proceeding re-sends the last provisional; the TU sees one request
 *  - §17.2.1   Timer G re-sends a 300-699 at T1, doubling, capped at T2 (UDP only); Timer H ends it without ACK
 *  - §17.2.1   ACK -> Confirmed, ACK retransmissions absorbed, Timer I (T4; 0 on TCP)
 *  - RFC 6026  2xx -> Accepted: INVITE retransmissions absorbed, TU's 2xx retransmissions sent, Timer L
 *  - §17.2.3   the ACK for a 2xx (new branch) reaches the TU
 *  - §9.2      CANCEL of a pending INVITE: 200 (same To tag), TU told, tx cancelled; unmatched CANCEL: 481
 *  - §8.2.2.2  merged request: 482, switchable off for proxies
 *  - §17.2.4   a response that cannot be sent ends the transaction
 * Does not verify: RFC 3263 fail-over of responses (§18.2.2 last paragraph).
 */
class ServerInviteTransactionTest {

    private final TxHarness h = new TxHarness();

    @AfterEach
    void noStateMachineSawAnEventItCouldNotTake() {
        assertThat(h.layer.unexpectedEvents()).isZero();
    }

    private SipRequest invite(Transport t) {
        SipRequest r = h.peer.newRequest("INVITE", "sip:alice@127.0.0.1:5060").build();
        if (t == Transport.TCP) {
            r = r.toBuilder().set("Via", r.header("Via").replace("/UDP", "/TCP")).build();
        }
        h.peer.send(r, h.node.target(t));
        return r;
    }

    private SipRequest ackFor(SipRequest invite, SipResponse response) {
        return invite.toBuilder().method("ACK").set("CSeq", invite.cseq().sequence() + " ACK")
                .set("To", response.header("To")).remove("Contact").build();
    }

    private void answerAtOnce(int status) {
        h.tu.onRequest = tx -> tx.respond(TxHarness.answer(tx.request(), status));
    }

    @Test
    void sends100TryingAfter200msWhenTheTuIsSilent() {
        SipRequest invite = invite(Transport.UDP);
        h.peer.expectResponse(100);
        assertThat(h.now()).isEqualTo(200);

        h.advance(300);
        h.peer.send(invite, h.node.target(Transport.UDP));
        h.peer.expectResponse(100);
        assertThat(h.now()).as("the retransmission gets the last provisional again").isEqualTo(500);
        assertThat(h.tu.requests).hasSize(1);
    }

    @Test
    void sendsNo100WhenTheTuAnswersAtOnce() {
        answerAtOnce(180);
        invite(Transport.UDP);
        h.peer.expectResponse(180);
        h.peer.expectNothing(Duration.ofSeconds(1));
        assertThat(h.net.trace(SimPacket.response(100))).isEmpty();
    }

    @Test
    void timerGRetransmitsANon2xxCappedAtT2AndTimerHEndsItWithoutAck() {
        answerAtOnce(486);
        invite(Transport.UDP);
        h.clock.runPending();
        ServerTransaction tx = h.tu.requests.get(0);
        assertThat(tx.stateName()).isEqualTo("Completed");

        h.advance(31_999);
        assertThat(tx.isTerminated()).isFalse();
        h.advance(1);

        assertThat(h.sentAt(SimPacket.response(486)))
                .containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L);
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.tu.terminated).containsExactly("32000 INVITE");
        assertThat(h.layer.activeTransactions()).isZero();
        assertThat(h.clock.pendingTasks()).isZero();
    }

    @Test
    void theAckConfirmsAbsorbsItsRetransmissionsAndTimerIEndsIt() {
        answerAtOnce(486);
        SipRequest invite = invite(Transport.UDP);
        SipResponse busy = h.peer.expectResponse(486);
        h.advance(1_000);
        h.peer.send(ackFor(invite, busy), h.node.target(Transport.UDP));
        h.clock.runPending();
        ServerTransaction tx = h.tu.requests.get(0);
        assertThat(tx.stateName()).isEqualTo("Confirmed");

        h.advance(1_000);
        h.peer.send(ackFor(invite, busy), h.node.target(Transport.UDP));
        h.advanceTo(5_999);
        assertThat(tx.isTerminated()).isFalse();
        h.advance(1);

        assertThat(tx.isTerminated()).as("Timer I = T4 after the ACK").isTrue();
        assertThat(h.sentAt(SimPacket.response(486))).containsExactly(0L, 500L);
        assertThat(h.tu.acks).as("the ACK for a non-2xx stays in the transaction").isEmpty();
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void onTcpThereIsNoTimerGAndTheAckEndsTheTransactionAtOnce() {
        answerAtOnce(486);
        SipRequest invite = invite(Transport.TCP);
        SipResponse busy = h.peer.expectResponse(486);
        h.advance(10_000);
        assertThat(h.sentAt(SimPacket.response(486))).containsExactly(0L);

        h.peer.send(ackFor(invite, busy), h.peer.flowOf(busy));
        h.clock.runPending();
        assertThat(h.tu.requests.get(0).isTerminated()).isTrue();
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void timerHEndsATcpTransactionWhoseAckNeverCame() {
        answerAtOnce(404);
        invite(Transport.TCP);
        h.advance(32_000);
        assertThat(h.tu.terminated).containsExactly("32000 INVITE");
    }

    @Test
    void a2xxMovesToAcceptedWhichAbsorbsInviteRetransmissionsUntilTimerL() {
        answerAtOnce(200);
        SipRequest invite = invite(Transport.UDP);
        SipResponse ok = h.peer.expectResponse(200);
        ServerTransaction tx = h.tu.requests.get(0);
        assertThat(tx.stateName()).isEqualTo("Accepted");

        h.advance(500);
        h.peer.send(invite, h.node.target(Transport.UDP));
        h.clock.runPending();
        assertThat(h.tu.requests).hasSize(1);
        assertThat(h.sentAt(SimPacket.response(200))).as("RFC 6026: the transaction does not re-send the 2xx").containsExactly(0L);

        h.advance(500);
        tx.respond(TxHarness.answer(invite, 200));
        h.peer.expectResponse(200);
        assertThat(h.sentAt(SimPacket.response(200))).as("the TU's own 2xx retransmission").containsExactly(0L, 1000L);
        assertThatThrownBy(() -> tx.respond(TxHarness.answer(invite, 486)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Accepted");

        SipRequest ack = ackFor(invite, ok).toBuilder().set("Via", "SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bKack2xx").build();
        h.peer.send(ack, h.node.target(Transport.UDP));
        h.clock.runPending();
        assertThat(h.tu.acks).as("the ACK for a 2xx belongs to the dialog").hasSize(1);

        h.advanceTo(31_999);
        assertThat(tx.isTerminated()).isFalse();
        h.advance(1);
        assertThat(tx.isTerminated()).as("Timer L at 64·T1").isTrue();
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void aCancelOfAPendingInviteIsAnswered200AndTheTuAnswers487() {
        answerAtOnce(180);
        SipRequest invite = invite(Transport.UDP);
        SipResponse ringing = h.peer.expectResponse(180);
        h.advance(1_000);
        h.peer.send(h.peer.cancelFor(invite));

        SipResponse cancelOk = h.peer.expectResponse(200);
        assertThat(cancelOk.cseq().method()).isEqualTo("CANCEL");
        assertThat(cancelOk.to().tag()).isEqualTo(ringing.to().tag());
        ServerTransaction tx = h.tu.requests.get(0);
        assertThat(tx.isCancelled()).isTrue();
        assertThat(h.tu.cancels).hasSize(1);
        assertThat(h.tu.requests).as("the CANCEL is not a new request for the TU").hasSize(1);

        tx.respond(TxHarness.answer(invite, 487));
        SipResponse terminated = h.peer.expectResponse(487);
        h.peer.send(h.peer.ackFor(invite, terminated));
        h.advance(40_000);
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void aCancelAfterTheFinalResponseIsAnswered200WithoutEffect() {
        answerAtOnce(200);
        SipRequest invite = invite(Transport.UDP);
        h.peer.expectResponse(200);
        h.peer.send(invite.toBuilder().method("CANCEL").set("CSeq", "1 CANCEL").build(), h.node.target(Transport.UDP));
        h.peer.expectResponse(200);
        assertThat(h.tu.cancels).isEmpty();
        assertThat(h.tu.requests.get(0).isCancelled()).isFalse();
    }

    @Test
    void aCancelMatchingNothingGets481() {
        SipRequest stray = h.peer.newRequest("CANCEL", "sip:alice@127.0.0.1:5060").build();
        h.peer.send(stray, h.node.target(Transport.UDP));
        SipResponse r = h.peer.expectResponse(481);
        assertThat(r.to().tag()).isNotNull();
        assertThat(h.tu.requests).isEmpty();
        assertThat(h.tu.cancels).isEmpty();
    }

    @Test
    void aMergedRequestGets482AndNeverReachesTheTu() {
        SipRequest first = invite(Transport.UDP);
        SipRequest forked = first.toBuilder().set("Via", "SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bKother;rport").build();
        h.clock.runPending();
        h.peer.send(forked, h.node.target(Transport.UDP));

        SipResponse loop = h.peer.expectResponse(482);
        assertThat(loop.topVia().branch()).isEqualTo("z9hG4bKother");
        assertThat(h.tu.requests).hasSize(1);
    }

    @Test
    void mergedRequestDetectionCanBeTurnedOffForAProxy() {
        h.layer.setMergedRequestDetection(false);
        SipRequest first = invite(Transport.UDP);
        h.clock.runPending();
        h.peer.send(first.toBuilder().set("Via", "SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bKother").build(),
                h.node.target(Transport.UDP));
        h.clock.runPending();
        assertThat(h.tu.requests).hasSize(2);
    }

    @Test
    void aResponseThatCannotBeSentEndsTheTransaction() {
        SipRequest r = h.peer.newRequest("INVITE", "sip:alice@127.0.0.1:5060").build();
        // sent-by names a port where nothing listens, so once the connection is gone the response has nowhere to go
        r = r.toBuilder().set("Via", "SIP/2.0/TCP 127.0.0.2:5999;branch=z9hG4bKgone").build();
        h.peer.send(r, h.node.target(Transport.TCP));
        h.clock.runPending();
        h.node.closeConnections();
        ServerTransaction tx = h.tu.requests.get(0);
        tx.respond(TxHarness.answer(tx.request(), 486));
        h.clock.runPending();

        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.tu.terminated).containsExactly("0 INVITE");
        assertThat(h.layer.activeTransactions()).isZero();
        assertThat(h.clock.pendingTasks()).isZero();
    }

    @Test
    void anAnswerCrossingATransportErrorBeforeAnyFinalResponseIsDroppedNotThrownAtTheTu() {
        SipRequest r = h.peer.newRequest("INVITE", "sip:alice@127.0.0.1:5060").build();
        r = r.toBuilder().set("Via", "SIP/2.0/TCP 127.0.0.2:5999;branch=z9hG4bKgone").build();
        h.peer.send(r, h.node.target(Transport.TCP));
        h.clock.runPending();
        h.node.closeConnections();
        ServerTransaction tx = h.tu.requests.get(0);
        tx.respond(TxHarness.answer(tx.request(), 180));
        h.clock.runPending();
        assertThat(tx.isTerminated()).isTrue();

        // A proxy or PF relaying the callee's answers learns of the loss only through onTerminated.
        tx.respond(TxHarness.answer(tx.request(), 183));
        tx.respond(TxHarness.answer(tx.request(), 200));
        tx.respond(TxHarness.answer(tx.request(), 486));
        h.clock.runPending();

        assertThat(h.tu.terminated).containsExactly("0 INVITE");
        assertThat(h.layer.activeTransactions()).isZero();
    }

    @Test
    void anRfc2543InviteWithoutMagicCookieIsMatchedByItsFields() {
        answerAtOnce(486);
        SipRequest old = h.peer.newRequest("INVITE", "sip:alice@127.0.0.1:5060").build();
        old = old.toBuilder().set("Via", "SIP/2.0/UDP 127.0.0.2:5070;branch=1").build();
        h.peer.send(old, h.node.target(Transport.UDP));
        SipResponse busy = h.peer.expectResponse(486);
        h.peer.send(old, h.node.target(Transport.UDP));
        h.peer.expectResponse(486);
        assertThat(h.tu.requests).hasSize(1);

        h.peer.send(ackFor(old, busy), h.node.target(Transport.UDP));
        h.clock.runPending();
        assertThat(h.tu.requests.get(0).stateName()).isEqualTo("Confirmed");
        assertThat(h.tu.acks).isEmpty();
    }
}
