package org.opencpm.sip.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencpm.sip.codec.ParseResult;
import org.opencpm.sip.codec.SipDecoderConfig;
import org.opencpm.sip.codec.SipMessageParser;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;

/** The TCP stream decoder on an EmbeddedChannel: framing, fragmentation, keep-alives, limits. No sockets. */
class SipStreamDecoderTest {

    static final String BODY = "Hello, Bob!\r\nSecond line.";

    static final String MESSAGE = String.join("\r\n",
            "MESSAGE sip:bob@example.com SIP/2.0",
            "Via: SIP/2.0/TCP 127.0.0.1:5062;branch=z9hG4bK776asdhds;rport",
            "Max-Forwards: 70",
            "To: <sip:bob@example.com>",
            "From: <sip:alice@example.com>;tag=1928301774",
            "Call-ID: a84b4c76e66710",
            "CSeq: 1 MESSAGE",
            "Content-Type: text/plain",
            "Content-Length: " + BODY.length(),
            "",
            BODY);

    static final String OK = String.join("\r\n",
            "SIP/2.0 200 OK",
            "Via: SIP/2.0/TCP 127.0.0.1:5062;branch=z9hG4bK776asdhds",
            "To: <sip:bob@example.com>;tag=a6c85cf",
            "From: <sip:alice@example.com>;tag=1928301774",
            "Call-ID: a84b4c76e66710",
            "CSeq: 1 MESSAGE",
            "Content-Length: 0",
            "", "");

    static final SipDecoderConfig SMALL = new SipDecoderConfig(2048, 512, 64, 10);

    private SipStreamDecoder decoder;

    private EmbeddedChannel channel(SipDecoderConfig config) {
        decoder = new SipStreamDecoder(new SipMessageParser(config));
        return new EmbeddedChannel(decoder);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Object> drain(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            out.add(o);
        }
        return out;
    }

    private static boolean isTheMessage(Object o) {
        return o instanceof ParseResult.Parsed p && p.message() instanceof SipRequest r && r.method().equals("MESSAGE")
                && r.callId().equals("a84b4c76e66710") && r.bodyAsString().equals(BODY);
    }

    private static void assertIsTheMessage(Object o) {
        assertThat(o).isInstanceOf(ParseResult.Parsed.class);
        SipRequest r = (SipRequest) ((ParseResult.Parsed) o).message();
        assertThat(r.method()).isEqualTo("MESSAGE");
        assertThat(r.callId()).isEqualTo("a84b4c76e66710");
        assertThat(r.bodyAsString()).isEqualTo(BODY);
    }

    @Test
    void decodesAWholeMessage() {
        EmbeddedChannel ch = channel(SipDecoderConfig.DEFAULT);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(MESSAGE)));
        List<Object> out = drain(ch);
        assertThat(out).hasSize(1);
        assertIsTheMessage(out.get(0));
        assertThat(decoder.inMessage()).isFalse();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decodesTheSameMessageInEveryFragmentSize() {
        byte[] b = bytes(MESSAGE);
        // One channel for all sizes: after each whole message the decoder must be back at its start.
        EmbeddedChannel ch = channel(SipDecoderConfig.DEFAULT);
        for (int size = 1; size <= b.length; size++) {
            List<Object> out = new ArrayList<>();
            for (int off = 0; off < b.length; off += size) {
                ch.writeInbound(Unpooled.wrappedBuffer(b, off, Math.min(size, b.length - off)));
                out.addAll(drain(ch));
                if (off + size < b.length) {
                    assertThat(out).as("fragment size %d, offset %d", size, off).isEmpty();
                    assertThat(decoder.inMessage()).isTrue();
                }
            }
            assertThat(out).as("fragment size %d", size).hasSize(1);
            assertIsTheMessage(out.get(0));
            assertThat(decoder.inMessage()).isFalse();
        }
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decodesTwoMessagesInOneBuffer() {
        EmbeddedChannel ch = channel(SipDecoderConfig.DEFAULT);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(MESSAGE + OK)));
        List<Object> out = drain(ch);
        assertThat(out).hasSize(2);
        assertIsTheMessage(out.get(0));
        assertThat(((ParseResult.Parsed) out.get(1)).message()).isInstanceOf(SipResponse.class);
        assertThat(decoder.messagesDecoded()).isEqualTo(2);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decodesTwoMessagesSplitAcrossBuffersAtEveryPoint() {
        byte[] b = bytes(MESSAGE + OK);
        EmbeddedChannel ch = channel(SipDecoderConfig.DEFAULT);
        for (int split = 1; split < b.length; split++) {
            ch.writeInbound(Unpooled.wrappedBuffer(b, 0, split));
            ch.writeInbound(Unpooled.wrappedBuffer(b, split, b.length - split));
            List<Object> out = drain(ch);
            // Plain checks in the loop (it runs a thousand times); the assertion names the split.
            boolean ok = out.size() == 2 && isTheMessage(out.get(0)) && out.get(1) instanceof ParseResult.Parsed p
                    && p.message() instanceof SipResponse;
            assertThat(ok).as("split at %d: %s", split, out).isTrue();
        }
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void reportsADoubleCrlfAsAPingAndSkipsSingleCrlfs() {
        EmbeddedChannel ch = channel(SipDecoderConfig.DEFAULT);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("\r\n\r\n")));
        assertThat(drain(ch)).containsExactly(KeepAlivePing.INSTANCE);
        // A ping split in two still is one ping.
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("\r\n")));
        assertThat(drain(ch)).isEmpty();
        assertThat(decoder.inMessage()).isFalse();
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("\r\n")));
        assertThat(drain(ch)).containsExactly(KeepAlivePing.INSTANCE);
        // A pong (single CRLF) before a message is skipped.
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("\r\n" + MESSAGE + "\r\n\r\n")));
        List<Object> out = drain(ch);
        assertThat(out).hasSize(2);
        assertIsTheMessage(out.get(0));
        assertThat(out.get(1)).isEqualTo(KeepAlivePing.INSTANCE);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void framesAnEmptyBodyWhenContentLengthIsMissing() {
        EmbeddedChannel ch = channel(SipDecoderConfig.DEFAULT);
        String noLength = OK.replace("Content-Length: 0\r\n", "");
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(noLength + OK)));
        List<Object> out = drain(ch);
        assertThat(out).hasSize(2).allMatch(o -> o instanceof ParseResult.Parsed);
        assertThat(((ParseResult.Parsed) out.get(0)).message().body()).isEmpty();
    }

    @Test
    void answersAnOverLongRequestHeadWith513AndDiscardsTheRest() {
        EmbeddedChannel ch = channel(SMALL);
        String head = MESSAGE.substring(0, MESSAGE.indexOf("Content-Type")) + "Subject: " + "x".repeat(600) + "\r\n";
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(head)));
        List<Object> out = drain(ch);
        assertThat(out).hasSize(1).first().isInstanceOf(StreamFault.class);
        StreamFault f = (StreamFault) out.get(0);
        assertThat(f.answer()).isNotNull();
        assertThat(f.answer().status()).isEqualTo(513);
        assertThat(f.answer().method()).isEqualTo("MESSAGE");
        assertThat(f.answer().headers().first("Call-ID")).isEqualTo("a84b4c76e66710");
        // Whatever follows is discarded, even a good message.
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(MESSAGE)));
        assertThat(drain(ch)).isEmpty();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void answersAMessageWhoseContentLengthIsBeyondTheLimitWith513() {
        EmbeddedChannel ch = channel(SMALL);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(MESSAGE.replace("Content-Length: " + BODY.length(),
                "Content-Length: 100000"))));
        List<Object> out = drain(ch);
        assertThat(out).hasSize(1);
        assertThat(((StreamFault) out.get(0)).answer().status()).isEqualTo(513);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void answersABadContentLengthWith400AndStops() {
        EmbeddedChannel ch = channel(SipDecoderConfig.DEFAULT);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(MESSAGE.replace("Content-Length: " + BODY.length(),
                "Content-Length: ten"))));
        StreamFault f = (StreamFault) drain(ch).get(0);
        assertThat(f.answer().status()).isEqualTo(400);
        assertThat(f.answer().fault()).isEqualTo("Bad Content-Length");
    }

    @Test
    void stopsAtABadOrRepeatedContentLengthEvenAfterAnEarlierHeaderFault() {
        for (String lengths : List.of("Content-Length: ten", "Content-Length: 0\r\nContent-Length: " + BODY.length())) {
            EmbeddedChannel ch = channel(SipDecoderConfig.DEFAULT);
            // The first fault is the one the 400 names; where the next message starts is still unknown.
            String bad = MESSAGE.replace("Max-Forwards: 70", "Max-Forwards 70")
                    .replace("Content-Length: " + BODY.length(), lengths);
            ch.writeInbound(Unpooled.wrappedBuffer(bytes(bad)));
            List<Object> out = drain(ch);
            assertThat(out).as(lengths).singleElement().isInstanceOf(StreamFault.class);
            assertThat(((StreamFault) out.get(0)).answer().status()).isEqualTo(400);
            ch.writeInbound(Unpooled.wrappedBuffer(bytes(MESSAGE)));
            assertThat(drain(ch)).as("nothing after the fault is framed").isEmpty();
            ch.finish();
        }
    }

    @Test
    void reportsGarbageWithNothingToAnswer() {
        EmbeddedChannel ch = channel(SMALL);
        byte[] junk = new byte[4096];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 31 + 7);
            if (junk[i] == '\n') {
                junk[i] = 'x';
            }
        }
        ch.writeInbound(Unpooled.wrappedBuffer(junk));
        List<Object> out = drain(ch);
        assertThat(out).hasSize(1);
        assertThat(((StreamFault) out.get(0)).answer()).isNull();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void doesNotAnswerAnOverLongResponse() {
        EmbeddedChannel ch = channel(SMALL);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(OK.replace("Content-Length: 0", "X-Pad: " + "y".repeat(700)))));
        StreamFault f = (StreamFault) drain(ch).get(0);
        assertThat(f.answer()).isNull();
    }

    @Test
    void passesAMalformedButFramedRequestOnAndContinues() {
        EmbeddedChannel ch = channel(SipDecoderConfig.DEFAULT);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(MESSAGE.replace("Call-ID: a84b4c76e66710\r\n", "") + MESSAGE)));
        List<Object> out = drain(ch);
        assertThat(out).hasSize(2);
        ParseResult.BadRequest bad = (ParseResult.BadRequest) out.get(0);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.fault()).isEqualTo("Missing Call-ID");
        assertIsTheMessage(out.get(1));
    }
}
