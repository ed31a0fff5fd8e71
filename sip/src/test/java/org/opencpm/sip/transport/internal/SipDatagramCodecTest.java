package org.opencpm.sip.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opencpm.sip.codec.ParseResult;
import org.opencpm.sip.codec.SipMessageParser;
import org.opencpm.sip.message.SipMessage;

/** The UDP codecs on an EmbeddedChannel: one datagram, one result; one message, one datagram; buffers released. */
class SipDatagramCodecTest {

    static {
        io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.PARANOID);
    }

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5062);
    private static final InetSocketAddress US = new InetSocketAddress("127.0.0.1", 5060);

    @Test
    void decodesADatagramIntoItsParseResultAndSenderAndReleasesIt() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipDatagramDecoder(new SipMessageParser()));
        ByteBuf content = Unpooled.copiedBuffer(SipStreamDecoderTest.MESSAGE, StandardCharsets.UTF_8);
        ch.writeInbound(new DatagramPacket(content, US, PEER));
        ReceivedDatagram d = ch.readInbound();
        assertThat(d.sender()).isEqualTo(PEER);
        assertThat(d.result()).isInstanceOf(ParseResult.Parsed.class);
        assertThat(content.refCnt()).isZero();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decodesGarbageIntoUnparseable() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipDatagramDecoder(new SipMessageParser()));
        ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}), US, PEER));
        ReceivedDatagram d = ch.readInbound();
        assertThat(d.result()).isInstanceOf(ParseResult.Unparseable.class);
    }

    @Test
    void encodesAnAddressedMessageIntoOneDatagram() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipDatagramEncoder());
        byte[] b = SipStreamDecoderTest.MESSAGE.getBytes(StandardCharsets.UTF_8);
        SipMessage m = ((ParseResult.Parsed) new SipMessageParser().parseDatagram(b, 0, b.length)).message();
        ch.writeOutbound(new DefaultAddressedEnvelope<>(m, PEER));
        DatagramPacket p = ch.readOutbound();
        assertThat(p.recipient()).isEqualTo(PEER);
        assertThat(p.content().toString(StandardCharsets.UTF_8)).isEqualTo(SipStreamDecoderTest.MESSAGE);
        p.release();
        // A datagram that is already bytes passes through untouched.
        ch.writeOutbound(new DatagramPacket(Unpooled.wrappedBuffer(new byte[] {'\r', '\n'}), PEER));
        DatagramPacket raw = ch.readOutbound();
        assertThat(raw.content().readableBytes()).isEqualTo(2);
        raw.release();
        assertThat(ch.finish()).isFalse();
    }
}
