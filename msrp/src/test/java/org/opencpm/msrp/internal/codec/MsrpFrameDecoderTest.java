package org.opencpm.msrp.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencpm.msrp.ByteRange;
import org.opencpm.msrp.ContinuationFlag;
import org.opencpm.msrp.FailureReport;
import org.opencpm.msrp.Fixtures;
import org.opencpm.msrp.MsrpDecoderConfig;
import org.opencpm.msrp.MsrpMessage;
import org.opencpm.msrp.MsrpParseException;
import org.opencpm.msrp.MsrpRequest;
import org.opencpm.msrp.MsrpResponse;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.internal.grammar.InvalidMsrpMessage;
import org.opencpm.msrp.internal.grammar.MsrpMessageParser;
import org.opencpm.msrp.internal.grammar.MsrpMessageWriter;

/** The MSRP stream decoder and encoder in an {@link EmbeddedChannel}: no sockets, every fragmentation. */
class MsrpFrameDecoderTest {

    static Stream<String> fixtures() {
        return Fixtures.ALL.stream();
    }

    private static EmbeddedChannel channel(MsrpDecoderConfig config) {
        return new EmbeddedChannel(new MsrpFrameDecoder(config), new MsrpMessageEncoder());
    }

    private static List<Object> feed(EmbeddedChannel ch, byte[] bytes, int fragment) {
        for (int i = 0; i < bytes.length; i += fragment) {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(fragment, bytes.length - i)));
        }
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(o);
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void eachRfcExampleDecodesWholeAndReEncodesToTheSameBytes(String fixture) {
        byte[] wire = Fixtures.load(fixture);
        EmbeddedChannel ch = channel(MsrpDecoderConfig.DEFAULT);

        List<Object> out = feed(ch, wire, wire.length);

        assertThat(out).hasSize(1).first().isInstanceOf(MsrpMessage.class);
        assertThat(MsrpMessageWriter.toBytes((MsrpMessage) out.get(0))).isEqualTo(wire);
        assertThat(ch.writeOutbound(out.get(0))).isTrue();
        ByteBuf encoded = ch.readOutbound();
        assertThat(io.netty.buffer.ByteBufUtil.getBytes(encoded)).isEqualTo(wire);
        encoded.release();
        assertThat(ch.finish()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void eachRfcExampleDecodesTheSameInEveryFragmentSize(String fixture) {
        byte[] wire = Fixtures.load(fixture);
        Object whole = MsrpMessageParser.parse(wire, 0, MsrpDecoderConfig.DEFAULT).message();
        for (int fragment = 1; fragment <= wire.length; fragment++) {
            EmbeddedChannel ch = channel(MsrpDecoderConfig.DEFAULT);
            List<Object> out = feed(ch, wire, fragment);
            assertThat(out).as("fragment size %d", fragment).containsExactly(whole);
            assertThat(ch.finish()).as("left over at fragment size %d", fragment).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void twoMessagesSplitAcrossTwoBuffersAtEveryPointBothDecode(String fixture) {
        byte[] first = Fixtures.load(fixture);
        byte[] second = Fixtures.load("rfc4975-send-text.msrp");
        byte[] wire = Fixtures.concat(first, second);
        for (int split = 1; split < wire.length; split++) {
            EmbeddedChannel ch = channel(MsrpDecoderConfig.DEFAULT);
            ch.writeInbound(Unpooled.wrappedBuffer(wire, 0, split));
            ch.writeInbound(Unpooled.wrappedBuffer(wire, split, wire.length - split));
            List<Object> out = new ArrayList<>();
            for (Object o; (o = ch.readInbound()) != null; ) {
                out.add(o);
            }
            assertThat(out).as("split at %d", split).hasSize(2);
            assertThat(MsrpMessageWriter.toBytes((MsrpMessage) out.get(0))).isEqualTo(first);
            assertThat(MsrpMessageWriter.toBytes((MsrpMessage) out.get(1))).isEqualTo(second);
            assertThat(ch.finish()).isFalse();
        }
    }

    @Test
    void aSendExposesItsTypedHeaders() {
        MsrpRequest send = (MsrpRequest) decodeOne(Fixtures.load("rfc4975-send-html-success-report.msrp"));

        assertThat(send.transactionId()).isEqualTo("d93kswow");
        assertThat(send.isSend()).isTrue();
        assertThat(send.toPath()).containsExactly(MsrpUri.parse("msrp://bob.example.com:8888/9di4eae923wzd;tcp"));
        assertThat(send.messageId()).isEqualTo("12339sdqwer");
        assertThat(send.successReport()).isTrue();
        assertThat(send.failureReport()).isEqualTo(FailureReport.NO);
        assertThat(send.byteRange()).isEqualTo(new ByteRange(1, 31, 31));
        assertThat(send.contentType()).isEqualTo("text/html");
        assertThat(new String(send.body(), StandardCharsets.UTF_8)).isEqualTo("<html><p>Hi, Bob!</p></html>");
        assertThat(send.continuationFlag()).isEqualTo(ContinuationFlag.COMPLETE);
    }

    @Test
    void aBodilessSendHasNoBodyAndAReportHasAStatus() {
        MsrpRequest bodiless = (MsrpRequest) decodeOne(Fixtures.load("rfc4975-bodiless-send.msrp"));
        MsrpRequest report = (MsrpRequest) decodeOne(Fixtures.load("rfc4975-report-failure.msrp"));

        assertThat(bodiless.hasBody()).isFalse();
        assertThat(report.isReport()).isTrue();
        assertThat(report.status().code()).isEqualTo(415);
        assertThat(report.status().comment()).isEqualTo("Unsupported Media Type");
        assertThat(report.failureReport()).isEqualTo(FailureReport.NO);
    }

    @Test
    void interruptedAndAbortedChunksKeepTheirFlags() {
        MsrpRequest first = (MsrpRequest) decodeOne(Fixtures.load("rfc4975-chunk-first.msrp"));
        MsrpRequest aborted = (MsrpRequest) decodeOne(Fixtures.load("rfc4975-chunk-aborted.msrp"));

        assertThat(first.continuationFlag()).isEqualTo(ContinuationFlag.MORE);
        assertThat(first.byteRange()).isEqualTo(new ByteRange(1, ByteRange.UNKNOWN, ByteRange.UNKNOWN));
        assertThat(aborted.continuationFlag()).isEqualTo(ContinuationFlag.ABORTED);
        assertThat(aborted.byteRange().total()).isEqualTo(4096);
    }

    @Test
    void anUnknownMethodIsKeptAsItCame() {
        MsrpRequest auth = (MsrpRequest) decodeOne(Fixtures.load("rfc4976-auth-unknown-method.msrp"));

        assertThat(auth.method()).isEqualTo("AUTH");
        assertThat(auth.toPath().get(0).userInfo()).isEqualTo("alice");
        assertThat(auth.toPath().get(0).sessionId()).isNull();
    }

    @Test
    void aResponseWithoutCommentDecodes() {
        MsrpResponse r = (MsrpResponse) decodeOne(bytes("MSRP 4kd0a9dk 200\nTo-Path: msrp://a.example:1/s;tcp\n"
                + "From-Path: msrp://b.example:2/t;tcp\n-------4kd0a9dk$\n"));

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.comment()).isNull();
    }

    @Test
    void aStartLineOverTheLimitIsFatalAndTheRestOfTheStreamIsDropped() {
        EmbeddedChannel ch = channel(MsrpDecoderConfig.DEFAULT);
        byte[] longLine = new byte[2000];
        Arrays.fill(longLine, (byte) 'A');

        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(longLine)))
                .isInstanceOf(DecoderException.class).hasCauseInstanceOf(MsrpParseException.LineTooLong.class);
        ch.writeInbound(Unpooled.wrappedBuffer(Fixtures.load("rfc4975-send-text.msrp")));
        Object next = ch.readInbound();
        assertThat(next).isNull();
    }

    @Test
    void aTransactionIdOfThreeOrThirtyThreeCharactersIsFatal() {
        for (String id : List.of("abc", "a23456789012345678901234567890123", "-bcd")) {
            EmbeddedChannel ch = channel(MsrpDecoderConfig.DEFAULT);
            assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(bytes("MSRP " + id + " SEND\n"))))
                    .as(id).hasCauseInstanceOf(MsrpParseException.InvalidStartLine.class);
        }
    }

    @Test
    void transactionIdsOfFourAndThirtyTwoCharactersAreAccepted() {
        for (String id : List.of("ab.d", "a2345678901234567890123456789=12")) {
            MsrpMessage m = decodeOne(bytes("MSRP " + id + " SEND\nTo-Path: msrp://a.example:1/s;tcp\n"
                    + "From-Path: msrp://b.example:2/t;tcp\nMessage-ID: 1\n-------" + id + "$\n"));
            assertThat(m.transactionId()).isEqualTo(id);
        }
    }

    @Test
    void tooManyHeadersIsAnInvalidMessageAndTheNextMessageStillDecodes() {
        MsrpDecoderConfig config = new MsrpDecoderConfig(1024, 6, 16384, 1024, 4096);
        StringBuilder msg = new StringBuilder("MSRP abcd1234 SEND\nTo-Path: msrp://a.example:1/s;tcp\n"
                + "From-Path: msrp://b.example:2/t;tcp\n");
        for (int i = 0; i < 7; i++) {
            msg.append("X-Extra-").append(i).append(": v\n");
        }
        msg.append("-------abcd1234$\n");
        EmbeddedChannel ch = channel(config);

        List<Object> out = feed(ch, Fixtures.concat(bytes(msg.toString()), Fixtures.load("rfc4975-send-text.msrp")), 7);

        assertThat(out).hasSize(2);
        assertThat(((InvalidMsrpMessage) out.get(0)).cause()).isInstanceOf(MsrpParseException.TooManyHeaders.class);
        assertThat(out.get(1)).isInstanceOf(MsrpRequest.class);
    }

    @Test
    void aMalformedHeaderIsAnInvalidMessageThatKeepsItsTransactionId() {
        List<Object> out = feed(channel(MsrpDecoderConfig.DEFAULT), bytes("MSRP abcd1234 SEND\n"
                + "To-Path: msrp://a.example:1/s;tcp\nFrom-Path: msrp://b.example:2/t;tcp\nno colon here\n"
                + "-------abcd1234$\n"), 1000);

        InvalidMsrpMessage invalid = (InvalidMsrpMessage) out.get(0);
        assertThat(invalid.startLine().transactionId()).isEqualTo("abcd1234");
        assertThat(invalid.cause()).isInstanceOf(MsrpParseException.InvalidHeader.class);
    }

    @Test
    void aChunkOverTheLimitIsReportedBeforeItEndsThenSkippedToItsEndLine() {
        MsrpDecoderConfig config = MsrpDecoderConfig.DEFAULT.withMaxChunkSize(100);
        EmbeddedChannel ch = channel(config);
        byte[] head = bytes("MSRP big00001 SEND\nTo-Path: msrp://a.example:1/s;tcp\n"
                + "From-Path: msrp://b.example:2/t;tcp\nMessage-ID: m1\nContent-Type: text/plain\n\n");
        byte[] body = new byte[1000];
        Arrays.fill(body, (byte) 'x');

        List<Object> early = feed(ch, Fixtures.concat(head, body), 64);
        List<Object> later = feed(ch, Fixtures.concat(bytes("\n-------big00001$\n"),
                Fixtures.load("rfc4975-send-text.msrp")), 5);

        assertThat(early).hasSize(1);
        assertThat(((InvalidMsrpMessage) early.get(0)).cause()).isInstanceOf(MsrpParseException.ChunkTooLarge.class);
        assertThat(later).hasSize(1).first().isInstanceOf(MsrpRequest.class);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aChunkWhoseEndLineNeverComesIsFatalAfterTheSearchLimit() {
        MsrpDecoderConfig config = new MsrpDecoderConfig(1024, 32, 16384, 100, 1000);
        EmbeddedChannel ch = channel(config);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("MSRP big00001 SEND\nTo-Path: msrp://a.example:1/s;tcp\n"
                + "From-Path: msrp://b.example:2/t;tcp\nContent-Type: text/plain\n\n")));
        byte[] body = new byte[600];
        Arrays.fill(body, (byte) 'x');
        ch.writeInbound(Unpooled.wrappedBuffer(body));

        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(body)))
                .hasCauseInstanceOf(MsrpParseException.EndLineNotFound.class);
    }

    @Test
    void aHeaderBlockOverTheLimitIsFatal() {
        MsrpDecoderConfig config = new MsrpDecoderConfig(1024, 32, 128, 100, 1000);
        EmbeddedChannel ch = channel(config);
        String longValue = "v".repeat(200);

        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(bytes("MSRP abcd1234 SEND\nX-Long: "
                + longValue + "\n")))).hasCauseInstanceOf(MsrpParseException.LineTooLong.class);
    }

    @Test
    void aLineEndingInABareLineFeedIsFatal() {
        EmbeddedChannel ch = channel(MsrpDecoderConfig.DEFAULT);

        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(
                "MSRP abcd1234 SEND\r\nTo-Path: msrp://a.example:1/s;tcp\n".getBytes(StandardCharsets.US_ASCII))))
                .hasCauseInstanceOf(MsrpParseException.BareLineFeed.class);
    }

    @Test
    void theDecoderTellsWhenItIsInTheMiddleOfAFrame() {
        MsrpFrameDecoder decoder = new MsrpFrameDecoder(MsrpDecoderConfig.DEFAULT);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        byte[] wire = Fixtures.load("rfc4975-send-text.msrp");

        ch.writeInbound(Unpooled.wrappedBuffer(wire, 0, 40));
        assertThat(decoder.isMidFrame()).isTrue();
        ch.writeInbound(Unpooled.wrappedBuffer(wire, 40, wire.length - 40));
        assertThat(decoder.isMidFrame()).isFalse();
    }

    private static MsrpMessage decodeOne(byte[] wire) {
        List<Object> out = feed(channel(MsrpDecoderConfig.DEFAULT), wire, wire.length);
        assertThat(out).hasSize(1);
        return (MsrpMessage) out.get(0);
    }
}
