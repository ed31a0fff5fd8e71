package org.opencpm.msrp.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencpm.msrp.ByteRange;
import org.opencpm.msrp.ContinuationFlag;
import org.opencpm.msrp.MsrpMessage;
import org.opencpm.msrp.MsrpRequest;
import org.opencpm.msrp.MsrpSessionConfig;
import org.opencpm.msrp.MsrpSessionEvent;
import org.opencpm.msrp.OutgoingMessage;

/** Sending on a session: binding, chunking by Byte-Range, acknowledgements and back-pressure. */
class SessionSendingTest {

    @Test
    void anActiveSessionBindsWithABodilessSendAndIsConnectedWhenItIsAnswered() {
        SessionHarness h = SessionHarness.active(MsrpSessionConfig.DEFAULT);

        List<MsrpMessage> sent = h.transport.take();
        assertThat(sent).hasSize(1);
        MsrpRequest bind = (MsrpRequest) sent.get(0);
        assertThat(bind.isSend()).isTrue();
        assertThat(bind.hasBody()).isFalse();
        assertThat(bind.toPath()).containsExactly(SessionHarness.REMOTE);
        assertThat(bind.fromPath()).containsExactly(SessionHarness.LOCAL);
        assertThat(h.events(MsrpSessionEvent.Connected.class)).isEmpty();

        h.deliver(bind.createResponse(200, null));

        assertThat(h.events(MsrpSessionEvent.Connected.class)).hasSize(1);
    }

    @Test
    void aMessageLargerThanTheChunkSizeGoesOutInChunksWithByteRanges() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT.withChunkSize(2048));

        OutgoingMessage m = h.session.send("text/plain", new byte[5000]);
        List<MsrpMessage> chunks = h.transport.take();

        assertThat(chunks).hasSize(3);
        assertThat(chunks).extracting(c -> ((MsrpRequest) c).byteRange()).containsExactly(
                new ByteRange(1, 2048, 5000), new ByteRange(2049, 4096, 5000), new ByteRange(4097, 5000, 5000));
        assertThat(chunks).extracting(c -> ((MsrpRequest) c).continuationFlag()).containsExactly(
                ContinuationFlag.MORE, ContinuationFlag.MORE, ContinuationFlag.COMPLETE);
        assertThat(chunks).extracting(c -> ((MsrpRequest) c).messageId()).containsOnly(m.messageId());
        assertThat(chunks).extracting(MsrpMessage::transactionId).doesNotHaveDuplicates();
    }

    @Test
    void aMessageIsDeliveredWhenEveryChunkIsAnswered200() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT.withChunkSize(100));
        OutgoingMessage m = h.session.send("text/plain", new byte[250]);
        List<MsrpMessage> chunks = h.transport.take();

        h.deliver(((MsrpRequest) chunks.get(0)).createResponse(200, null));
        h.deliver(((MsrpRequest) chunks.get(1)).createResponse(200, null));
        assertThat(h.events(MsrpSessionEvent.MessageDelivered.class)).isEmpty();
        h.deliver(((MsrpRequest) chunks.get(2)).createResponse(200, null));

        assertThat(h.events(MsrpSessionEvent.MessageDelivered.class)).extracting(e -> e.message()).containsExactly(m);
    }

    @Test
    void anErrorResponseOtherThan408Or481FailsTheMessageAndKeepsTheSession() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);
        OutgoingMessage m = h.session.send("application/unknown", new byte[10]);

        h.answerAll(415);

        assertThat(h.events(MsrpSessionEvent.SendFailed.class)).singleElement()
                .satisfies(e -> assertThat(e.code()).isEqualTo(415)).satisfies(e -> assertThat(e.message()).isEqualTo(m));
        assertThat(h.session.isClosed()).isFalse();
    }

    @Test
    void a413StopsTheRemainingChunksOfThatMessage() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT.withChunkSize(10));
        h.transport.writable = false;
        h.session.send("text/plain", new byte[100]);
        h.transport.setWritable(true);
        h.transport.writable = false;
        h.time.runPending();
        List<MsrpMessage> first = h.transport.take();

        h.deliver(((MsrpRequest) first.get(0)).createResponse(413, null));
        h.transport.setWritable(true);

        assertThat(h.transport.take()).isEmpty();
        assertThat(h.events(MsrpSessionEvent.SendFailed.class)).extracting(e -> e.code()).containsExactly(413);
    }

    @Test
    void chunksWaitWhileTheConnectionIsNotWritable() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT.withChunkSize(10));
        h.transport.writable = false;

        h.session.send("text/plain", new byte[30]);
        assertThat(h.transport.take()).isEmpty();
        h.transport.setWritable(true);

        assertThat(h.transport.take()).hasSize(3);
    }

    @Test
    void unacknowledgedBytesAboveTheHighWaterMarkMakeTheSessionNotWritableUntilAcknowledged() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT.withWriteLimits(100, 1000));
        assertThat(h.session.isWritable()).isTrue();

        h.session.send("text/plain", new byte[150]);
        assertThat(h.session.isWritable()).isFalse();
        h.answerAll(200);

        assertThat(h.session.isWritable()).isTrue();
        assertThat(h.events(MsrpSessionEvent.WritabilityChanged.class)).extracting(e -> e.writable())
                .containsExactly(false, true);
    }

    @Test
    void aMessageThatWouldExceedTheQueueLimitFailsAtOnce() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT.withWriteLimits(100, 1000));
        h.session.send("text/plain", new byte[900]);

        h.session.send("text/plain", new byte[200]);

        assertThat(h.events(MsrpSessionEvent.SendFailed.class)).singleElement()
                .satisfies(e -> assertThat(e.comment()).isEqualTo("send queue full"));
    }

    @Test
    void aMessageLargerThanThePeersMaxSizeIsRefusedBeforeSending() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);
        h.session.withPeerMaxSize(10L);

        h.session.send("text/plain", new byte[11]);

        assertThat(h.transport.take()).isEmpty();
        assertThat(h.events(MsrpSessionEvent.SendFailed.class)).singleElement()
                .satisfies(e -> assertThat(e.code()).isZero());
    }

    @Test
    void messagesSentBeforeTheConnectionIsUpAreQueuedAndSentAfterTheBind() {
        SessionHarness h = new SessionHarness(org.opencpm.msrp.SetupRole.ACTIVE, MsrpSessionConfig.DEFAULT, List.of(),
                false);
        h.session.send("text/plain", new byte[3]);
        assertThat(h.transport.take()).isEmpty();
        assertThat(h.session.isWritable()).isFalse();

        h.attach();

        List<MsrpMessage> sent = h.transport.take();
        assertThat(sent).hasSize(2);
        assertThat(((MsrpRequest) sent.get(0)).hasBody()).isFalse();
        assertThat(((MsrpRequest) sent.get(1)).bodyLength()).isEqualTo(3);
    }

    @Test
    void aReportIsAddressedToTheRemotePathWithStatusAndByteRange() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);

        h.session.sendReport("m1", new org.opencpm.msrp.MsrpStatus(200, "OK"), 42);

        MsrpRequest report = (MsrpRequest) h.transport.take().get(0);
        assertThat(report.isReport()).isTrue();
        assertThat(report.toPath()).containsExactly(SessionHarness.REMOTE);
        assertThat(report.headers().get("Status")).isEqualTo("000 200 OK");
        assertThat(report.byteRange()).isEqualTo(new ByteRange(1, 42, 42));
    }

    @Test
    void aChunkWhoseBodyHoldsTheEndLineOfItsTransactionIdGetsAnotherId() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);
        Ids sameSeed = new Ids(42);
        sameSeed.next(); // the bind SEND's
        String next = sameSeed.next();
        String body = "quote:\r\n-------" + next + "$\r\nMSRP forged SEND\r\n";

        h.session.send("text/plain", body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        MsrpRequest send = (MsrpRequest) h.transport.take().get(0);
        assertThat(send.transactionId()).isNotEqualTo(next);
        assertThat(new String(send.body(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(body)
                .doesNotContain("-------" + send.transactionId());
    }
}
