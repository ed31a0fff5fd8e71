package org.opencpm.msrp.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencpm.msrp.ContinuationFlag;
import org.opencpm.msrp.FailureReport;
import org.opencpm.msrp.MsrpRequest;
import org.opencpm.msrp.MsrpSessionConfig;
import org.opencpm.msrp.MsrpSessionEvent;
import org.opencpm.msrp.MsrpStatus;
import org.opencpm.msrp.SetupRole;

/** Receiving on a session: answers, reassembly, reports and the error codes of RFC 4975 §7.3. */
class SessionReceivingTest {

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void chunksOfAnIncomingMessageAreEachAnswered200AndDeliveredOnceWhole() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);
        MsrpRequest c1 = h.peerChunk("m1", 1, 11, "Hello ", ContinuationFlag.MORE);
        MsrpRequest c2 = h.peerChunk("m1", 7, 11, "world", ContinuationFlag.COMPLETE);

        h.deliver(c1);
        assertThat(h.responseTo(c1).code()).isEqualTo(200);
        assertThat(h.events(MsrpSessionEvent.MessageReceived.class)).isEmpty();
        h.deliver(c2);

        assertThat(h.responseTo(c2).code()).isEqualTo(200);
        assertThat(h.events(MsrpSessionEvent.MessageReceived.class)).singleElement()
                .satisfies(e -> assertThat(text(e.message().body())).isEqualTo("Hello world"))
                .satisfies(e -> assertThat(e.message().messageId()).isEqualTo("m1"));
    }

    @Test
    void aSuccessReportIsSentWithStatus000200AfterTheWholeMessageArrived() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);
        byte[] body = "hi".getBytes(StandardCharsets.UTF_8);

        h.deliver(h.peerSend("m2").successReport(true).byteRange(org.opencpm.msrp.ByteRange.whole(2))
                .body("text/plain", body).build());

        List<org.opencpm.msrp.MsrpMessage> out = h.transport.take();
        MsrpRequest report = (MsrpRequest) out.get(1);
        assertThat(report.isReport()).isTrue();
        assertThat(report.status()).isEqualTo(new MsrpStatus(200, "OK"));
        assertThat(report.messageId()).isEqualTo("m2");
        assertThat(report.byteRange()).isEqualTo(org.opencpm.msrp.ByteRange.whole(2));
    }

    @Test
    void aMessageOverTheMaximumSizeIsAnswered413() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT.withMaxMessageSize(10));
        MsrpRequest chunk = h.peerChunk("big", 1, 1000, "0123456789", ContinuationFlag.MORE);

        h.deliver(chunk);

        assertThat(h.responseTo(chunk).code()).isEqualTo(413);
    }

    @Test
    void aPeerStartingMoreMessagesThanTheSessionHoldsAtOnceGets413() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);
        for (int i = 0; i < Reassembler.MAX_PARTIAL_MESSAGES; i++) {
            MsrpRequest start = h.peerChunk("p" + i, 1, 10_000_000, "x", ContinuationFlag.MORE);
            h.deliver(start);
            assertThat(h.responseTo(start).code()).isEqualTo(200);
        }

        MsrpRequest oneMore = h.peerChunk("p-last", 1, 10_000_000, "x", ContinuationFlag.MORE);
        h.deliver(oneMore);

        assertThat(h.responseTo(oneMore).code()).isEqualTo(413);
    }

    @Test
    void aContentTypeOutsideTheAcceptTypesIsAnswered415() {
        SessionHarness h = new SessionHarness(SetupRole.ACTIVE, MsrpSessionConfig.DEFAULT, List.of("message/cpim"));
        h.answerAll(200);
        MsrpRequest send = h.peerChunk("m3", 1, 2, "hi", ContinuationFlag.COMPLETE);

        h.deliver(send);

        assertThat(h.responseTo(send).code()).isEqualTo(415);
        assertThat(h.events(MsrpSessionEvent.MessageReceived.class)).isEmpty();
    }

    @Test
    void anUnknownMethodIsAnswered501() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);
        MsrpRequest nickname = MsrpRequest.builder("NICKNAME").transactionId("nick0001")
                .toPath(List.of(SessionHarness.LOCAL)).fromPath(List.of(SessionHarness.REMOTE)).build();

        h.deliver(nickname);

        assertThat(h.responseTo(nickname).code()).isEqualTo(501);
    }

    @Test
    void aSendWithoutMessageIdOrWithABadByteRangeIsAnswered400() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);
        MsrpRequest noId = h.peerSend("x").removeHeader("Message-ID").body("text/plain", new byte[1]).build();
        MsrpRequest badRange = h.peerSend("y").header("Byte-Range", "7-3/9").body("text/plain", new byte[1]).build();

        h.deliver(noId);
        assertThat(h.responseTo(noId).code()).isEqualTo(400);
        h.deliver(badRange);
        assertThat(h.responseTo(badRange).code()).isEqualTo(400);
    }

    @Test
    void aChunkWithMoreBytesThanItsByteRangeIsAnswered400() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);
        MsrpRequest liar = h.peerSend("l").byteRange(new org.opencpm.msrp.ByteRange(1, 5, 100))
                .body("text/plain", new byte[10]).flag(ContinuationFlag.MORE).build();

        h.deliver(liar);

        assertThat(h.responseTo(liar).code()).isEqualTo(400);
    }

    @Test
    void failureReportNoMeansNoResponseAndPartialMeansOnlyErrors() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT.withMaxMessageSize(5));

        h.deliver(h.peerSend("n").failureReport(FailureReport.NO).body("text/plain", new byte[1]).build());
        h.deliver(h.peerSend("p").failureReport(FailureReport.PARTIAL).body("text/plain", new byte[1]).build());
        assertThat(h.transport.take()).isEmpty();
        MsrpRequest tooBig = h.peerSend("q").failureReport(FailureReport.PARTIAL).body("text/plain", new byte[9]).build();
        h.deliver(tooBig);

        assertThat(h.responseTo(tooBig).code()).isEqualTo(413);
        assertThat(h.events(MsrpSessionEvent.MessageReceived.class)).hasSize(2);
    }

    @Test
    void aReportIsPassedToTheListenerAndNotAnswered() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);

        h.deliver(MsrpRequest.builder(MsrpRequest.REPORT).transactionId("rep00001")
                .toPath(List.of(SessionHarness.LOCAL)).fromPath(List.of(SessionHarness.REMOTE)).messageId("m9")
                .byteRange(org.opencpm.msrp.ByteRange.whole(5)).status(new MsrpStatus(200, "OK")).build());

        assertThat(h.transport.take()).isEmpty();
        assertThat(h.events(MsrpSessionEvent.ReportReceived.class)).singleElement()
                .satisfies(e -> assertThat(e.messageId()).isEqualTo("m9"))
                .satisfies(e -> assertThat(e.status().code()).isEqualTo(200));
    }

    @Test
    void anAbortedMessageIsDiscarded() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);

        h.deliver(h.peerChunk("a", 1, 10, "12345", ContinuationFlag.MORE));
        h.deliver(h.peerChunk("a", 6, 10, "67", ContinuationFlag.ABORTED));

        assertThat(h.events(MsrpSessionEvent.MessageReceived.class)).isEmpty();
    }

    @Test
    void anInterruptedMessageThatNeverContinuesIsDroppedAfterTheChunkTimeout() {
        MsrpSessionConfig config = MsrpSessionConfig.DEFAULT.withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ZERO, Duration.ofSeconds(5));
        SessionHarness h = SessionHarness.connected(config);
        RealMsrpSession s = h.session;
        h.deliver(h.peerChunk("stall", 1, 10, "12345", ContinuationFlag.MORE));

        h.time.advance(Duration.ofMillis(4999));
        h.deliver(h.peerChunk("stall", 6, 10, "67890", ContinuationFlag.COMPLETE));

        assertThat(h.events(MsrpSessionEvent.MessageReceived.class)).hasSize(1);
        h.deliver(h.peerChunk("stall2", 1, 10, "12345", ContinuationFlag.MORE));
        h.time.advance(Duration.ofSeconds(5));
        h.deliver(h.peerChunk("stall2", 6, 10, "67890", ContinuationFlag.COMPLETE));
        assertThat(h.events(MsrpSessionEvent.MessageReceived.class)).hasSize(1);
        assertThat(s.isClosed()).isFalse();
    }

    @Test
    void aChunkReceivedTwiceCountsOnceSoAMessageWithAGapIsNotDeliveredUntilTheGapIsFilled() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);

        h.deliver(h.peerChunk("dup", 1, 15, "Hello", ContinuationFlag.MORE));
        h.deliver(h.peerChunk("dup", 1, 15, "Hello", ContinuationFlag.MORE));
        h.deliver(h.peerChunk("dup", 11, 15, "there", ContinuationFlag.COMPLETE));
        assertThat(h.events(MsrpSessionEvent.MessageReceived.class)).as("bytes 6-10 are missing").isEmpty();

        h.deliver(h.peerChunk("dup", 6, 15, " you ", ContinuationFlag.MORE));
        assertThat(h.events(MsrpSessionEvent.MessageReceived.class)).singleElement()
                .satisfies(e -> assertThat(text(e.message().body())).isEqualTo("Hello you there"));
    }

    @Test
    void aPeerScatteringMoreRunsThanAMessageMayHoldGets413() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);
        int total = 2 * Reassembler.MAX_RUNS + 2;
        for (int i = 0; i < Reassembler.MAX_RUNS; i++) {
            h.deliver(h.peerChunk("sparse", 2L * i + 1, total, "x", ContinuationFlag.MORE));
        }
        h.transport.take();

        MsrpRequest oneTooMany = h.peerChunk("sparse", 2L * Reassembler.MAX_RUNS + 1, total, "x", ContinuationFlag.MORE);
        h.deliver(oneTooMany);

        assertThat(h.responseTo(oneTooMany).code()).isEqualTo(413);
    }

    @Test
    void aFirstChunkMarkedLastThatDoesNotReachTheDeclaredTotalIsNotAWholeMessage() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);

        h.deliver(h.peerChunk("late", 1, 10, "Hello", ContinuationFlag.COMPLETE));
        assertThat(h.events(MsrpSessionEvent.MessageReceived.class)).as("bytes 6-10 of 10 are missing").isEmpty();

        h.deliver(h.peerChunk("late", 6, 10, "World", ContinuationFlag.MORE));
        assertThat(h.events(MsrpSessionEvent.MessageReceived.class)).singleElement()
                .satisfies(e -> assertThat(text(e.message().body())).isEqualTo("HelloWorld"));
    }
}
