package org.opencpm.msrp.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.msrp.LossCause;
import org.opencpm.msrp.MsrpMessage;
import org.opencpm.msrp.MsrpRequest;
import org.opencpm.msrp.MsrpSessionConfig;
import org.opencpm.msrp.MsrpSessionEvent;
import org.opencpm.msrp.OutgoingMessage;
import org.opencpm.msrp.SetupRole;

/**
 * AMB-01 on virtual time: when is an MSRP connection lost, and when did setup fail. Each test asserts the
 * exact instant and the undelivered messages. Covers AMB-01 (a) close/reset/write error, (b) transaction
 * timeout and 408/481, (c) idle probe, and both setup failures; the chunk timeout of the brief.
 */
class ConnectionLossTest {

    private static final MsrpSessionConfig CONFIG = MsrpSessionConfig.DEFAULT;

    private static MsrpSessionEvent.ConnectionLost lost(SessionHarness h) {
        List<MsrpSessionEvent.ConnectionLost> lost = h.events(MsrpSessionEvent.ConnectionLost.class);
        assertThat(lost).hasSize(1);
        return lost.get(0);
    }

    @Test
    @DisplayName("AMB-01 (b): a SEND unanswered for 30 s loses the connection at exactly 30 s")
    void aSendUnansweredForTheTransactionTimeoutLosesTheConnection() {
        SessionHarness h = SessionHarness.connected(CONFIG);
        h.time.advance(Duration.ofSeconds(5));
        OutgoingMessage m = h.session.send("text/plain", new byte[10]);

        h.time.advance(Duration.ofMillis(29_999));
        assertThat(h.events(MsrpSessionEvent.ConnectionLost.class)).isEmpty();
        h.time.advance(Duration.ofMillis(1));

        assertThat(h.time.elapsed()).isEqualTo(Duration.ofSeconds(35));
        assertThat(lost(h).cause()).isEqualTo(LossCause.TRANSACTION_TIMEOUT);
        assertThat(lost(h).undelivered()).containsExactly(m);
        assertThat(h.transport.closed).isTrue();
    }

    @Test
    @DisplayName("AMB-01 (b): one sweep timer for all transactions still times each SEND out at exactly its own 30 s")
    void eachTransactionTimesOutAtItsOwnDeadlineWithOneSweepTimer() {
        SessionHarness h = SessionHarness.connected(CONFIG);
        h.session.send("text/plain", new byte[1]);
        List<MsrpMessage> first = h.transport.take();
        h.time.advance(Duration.ofSeconds(10));
        OutgoingMessage second = h.session.send("text/plain", new byte[1]);
        assertThat(h.time.pendingTasks()).as("idle timer + one sweep, not a timer per SEND").isEqualTo(2);
        h.time.advance(Duration.ofSeconds(5));
        h.deliver(((MsrpRequest) first.get(0)).createResponse(200, null));

        h.time.advance(Duration.ofSeconds(15));
        assertThat(h.events(MsrpSessionEvent.ConnectionLost.class)).as("first deadline passed, answered").isEmpty();
        h.time.advance(Duration.ofMillis(9_999));
        assertThat(h.events(MsrpSessionEvent.ConnectionLost.class)).isEmpty();
        h.time.advance(Duration.ofMillis(1));

        assertThat(h.time.elapsed()).isEqualTo(Duration.ofSeconds(40));
        assertThat(lost(h).cause()).isEqualTo(LossCause.TRANSACTION_TIMEOUT);
        assertThat(lost(h).undelivered()).containsExactly(second);
        assertThat(h.time.pendingTasks()).isZero();
    }

    @Test
    @DisplayName("AMB-01 (b): answered SENDs leave no timer behind; the sweep stops when nothing is awaited")
    void answeredSendsLeaveNoTimerBehind() {
        SessionHarness h = SessionHarness.connected(CONFIG);
        for (int i = 0; i < 100; i++) {
            h.session.send("text/plain", new byte[1]);
        }
        h.answerAll(200);
        h.time.advance(Duration.ofSeconds(30));

        assertThat(h.events(MsrpSessionEvent.ConnectionLost.class)).isEmpty();
        assertThat(h.events(MsrpSessionEvent.MessageDelivered.class)).hasSize(100);
        assertThat(h.time.pendingTasks()).as("only the idle timer").isEqualTo(1);
    }

    @Test
    @DisplayName("AMB-01 (b): a timeout seen by one session loses the shared connection for every session on it")
    void aTransactionTimeoutLosesTheSharedConnectionForTheOtherSessionsToo() {
        SessionHarness h = SessionHarness.connected(CONFIG);
        List<MsrpSessionEvent> otherEvents = new java.util.ArrayList<>();
        RealMsrpSession other = new RealMsrpSession(org.opencpm.msrp.MsrpUri.parse("msrp://pf.example.com:2855/other;tcp"),
                List.of(SessionHarness.REMOTE), List.of(), SetupRole.ACTIVE, CONFIG, h.time, otherEvents::add,
                h.registry, (hop, s) -> h.connection.attach(s), new Ids(7));
        other.start();
        h.time.runPending();
        h.answerAll(200);
        h.session.send("text/plain", new byte[1]);

        h.time.advance(Duration.ofSeconds(30));

        assertThat(lost(h).cause()).isEqualTo(LossCause.TRANSACTION_TIMEOUT);
        assertThat(otherEvents).filteredOn(e -> e instanceof MsrpSessionEvent.ConnectionLost).singleElement()
                .satisfies(e -> assertThat(((MsrpSessionEvent.ConnectionLost) e).cause())
                        .isEqualTo(LossCause.TRANSACTION_TIMEOUT));
    }

    @Test
    @DisplayName("AMB-01 (b): a chunk answered 481 or 408 loses the connection; acknowledged messages are not listed")
    void aSendAnswered481LosesTheConnection() {
        SessionHarness h = SessionHarness.connected(CONFIG);
        h.session.send("text/plain", new byte[1]);
        h.answerAll(200);
        OutgoingMessage second = h.session.send("text/plain", new byte[1]);

        h.answerAll(481);

        assertThat(lost(h).cause()).isEqualTo(LossCause.TRANSACTION_REJECTED);
        assertThat(lost(h).undelivered()).containsExactly(second);
    }

    @Test
    @DisplayName("AMB-01 (a): a TCP reset loses the connection with every unacknowledged message, in order")
    void aConnectionResetReportsEveryUnacknowledgedMessage() {
        SessionHarness h = SessionHarness.connected(CONFIG.withChunkSize(4));
        OutgoingMessage a = h.session.send("text/plain", new byte[10]);
        OutgoingMessage b = h.session.send("text/plain", new byte[3]);
        List<MsrpMessage> chunks = h.transport.take();
        h.deliver(((MsrpRequest) chunks.get(3)).createResponse(200, null));

        h.transport.reset();
        h.time.runPending();

        assertThat(lost(h).cause()).isEqualTo(LossCause.CONNECTION_CLOSED);
        assertThat(lost(h).undelivered()).containsExactly(a);
        assertThat(h.events(MsrpSessionEvent.MessageDelivered.class)).extracting(e -> e.message()).containsExactly(b);
        assertThat(h.time.pendingTasks()).isZero();
    }

    @Test
    @DisplayName("AMB-01 (a): a write error loses the connection")
    void aWriteErrorLosesTheConnection() {
        SessionHarness h = SessionHarness.connected(CONFIG);
        h.transport.failWrites = true;

        OutgoingMessage m = h.session.send("text/plain", new byte[1]);
        h.time.runPending();

        assertThat(lost(h).cause()).isEqualTo(LossCause.WRITE_FAILED);
        assertThat(lost(h).undelivered()).containsExactly(m);
    }

    @Test
    @DisplayName("AMB-01 (c): after 120 s idle a bodiless SEND probes; unanswered, the connection is lost at 150 s")
    void anUnansweredKeepAliveProbeLosesTheConnection() {
        SessionHarness h = SessionHarness.connected(CONFIG);

        h.time.advance(Duration.ofMillis(119_999));
        assertThat(h.transport.take()).isEmpty();
        h.time.advance(Duration.ofMillis(1));
        List<MsrpMessage> probe = h.transport.take();
        assertThat(probe).singleElement().satisfies(p -> assertThat(((MsrpRequest) p).hasBody()).isFalse());
        h.time.advance(Duration.ofSeconds(30));

        assertThat(h.time.elapsed()).isEqualTo(Duration.ofSeconds(150));
        assertThat(lost(h).cause()).isEqualTo(LossCause.KEEPALIVE_FAILED);
    }

    @Test
    @DisplayName("AMB-01 (c): an answered probe keeps the session, and traffic postpones the next probe")
    void trafficPostponesTheProbeAndAnAnsweredProbeKeepsTheSession() {
        SessionHarness h = SessionHarness.connected(CONFIG);
        h.time.advance(Duration.ofSeconds(100));
        h.deliver(h.peerChunk("m", 1, 1, "x", org.opencpm.msrp.ContinuationFlag.COMPLETE));
        h.transport.take();

        h.time.advance(Duration.ofSeconds(119));
        assertThat(h.transport.take()).isEmpty();
        h.time.advance(Duration.ofSeconds(1));
        h.answerAll(200);
        h.time.advance(Duration.ofSeconds(60));

        assertThat(h.events(MsrpSessionEvent.ConnectionLost.class)).isEmpty();
    }

    @Test
    @DisplayName("AMB-01 setup: an active session not connected within 10 s fails setup at exactly 10 s")
    void anActiveSessionNotConnectedWithinTheConnectTimeoutFailsSetup() {
        SessionHarness h = new SessionHarness(SetupRole.ACTIVE, CONFIG, List.of(), false);
        OutgoingMessage m = h.session.send("text/plain", new byte[1]);

        h.time.advance(Duration.ofMillis(9_999));
        assertThat(h.events(MsrpSessionEvent.ConnectionLost.class)).isEmpty();
        h.time.advance(Duration.ofMillis(1));

        assertThat(lost(h).cause()).isEqualTo(LossCause.CONNECT_TIMEOUT);
        assertThat(lost(h).cause().isSetup()).isTrue();
        assertThat(lost(h).undelivered()).containsExactly(m);
    }

    @Test
    @DisplayName("AMB-01 setup: a passive session nobody binds within 10 s fails setup")
    void aPassiveSessionNobodyBindsFailsSetup() {
        SessionHarness h = new SessionHarness(SetupRole.PASSIVE, CONFIG, List.of());

        h.time.advance(Duration.ofSeconds(10));

        assertThat(lost(h).cause()).isEqualTo(LossCause.CONNECT_TIMEOUT);
        assertThat(h.registry.size()).isZero();
    }

    @Test
    @DisplayName("AMB-01 setup: no response to the first request within 30 s is a setup failure")
    void anUnansweredBindSendIsASetupFailure() {
        SessionHarness h = SessionHarness.active(CONFIG);

        h.time.advance(Duration.ofSeconds(30));

        assertThat(lost(h).cause()).isEqualTo(LossCause.NO_FIRST_RESPONSE);
    }

    @Test
    @DisplayName("AMB-01 setup: a bind SEND answered 481 is a setup failure")
    void aBindSendAnswered481IsASetupFailure() {
        SessionHarness h = SessionHarness.active(CONFIG);

        h.answerAll(481);

        assertThat(lost(h).cause()).isEqualTo(LossCause.CONNECT_FAILED);
        assertThat(lost(h).detail()).contains("481");
    }

    @Test
    @DisplayName("AMB-01 setup: on the passive side, no response to its first request within 30 s is a setup failure")
    void aPassiveSessionsFirstRequestUnansweredIsASetupFailure() {
        SessionHarness h = new SessionHarness(SetupRole.PASSIVE, CONFIG, List.of());
        h.deliver(h.peerSend("bind").build());
        h.time.advance(Duration.ofSeconds(3));
        OutgoingMessage m = h.session.send("text/plain", new byte[1]);

        h.time.advance(Duration.ofSeconds(30));

        assertThat(h.time.elapsed()).isEqualTo(Duration.ofSeconds(33));
        assertThat(lost(h).cause()).isEqualTo(LossCause.NO_FIRST_RESPONSE);
        assertThat(lost(h).undelivered()).containsExactly(m);
    }

    @Test
    @DisplayName("A peer that starts a chunk and never ends it is cut off after the chunk timeout")
    void aPeerThatNeverCompletesAChunkIsTimedOut() {
        SessionHarness h = SessionHarness.connected(CONFIG);
        h.connection.onMidFrame(true);

        h.time.advance(Duration.ofSeconds(29));
        h.connection.onMidFrame(true);
        assertThat(h.events(MsrpSessionEvent.ConnectionLost.class)).isEmpty();
        h.time.advance(Duration.ofSeconds(1));

        assertThat(lost(h).cause()).isEqualTo(LossCause.CHUNK_TIMEOUT);
        assertThat(h.transport.closed).isTrue();
    }

    @Test
    void closingTheSessionReportsUndeliveredMessagesAndCancelsEveryTimer() {
        SessionHarness h = SessionHarness.connected(CONFIG);
        OutgoingMessage m = h.session.send("text/plain", new byte[1]);

        h.session.close();

        assertThat(h.events(MsrpSessionEvent.Closed.class)).singleElement()
                .satisfies(e -> assertThat(e.undelivered()).containsExactly(m));
        assertThat(h.time.pendingTasks()).isZero();
        assertThat(h.transport.closed).isTrue();
        assertThat(h.events(MsrpSessionEvent.ConnectionLost.class)).isEmpty();
    }
}
