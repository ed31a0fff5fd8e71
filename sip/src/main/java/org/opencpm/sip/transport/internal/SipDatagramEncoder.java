package org.opencpm.sip.transport.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.net.InetSocketAddress;
import java.util.List;
import org.opencpm.sip.codec.SipMessageWriter;
import org.opencpm.sip.message.SipMessage;

/** The UDP encoder: an addressed {@link SipMessage} becomes one {@link DatagramPacket} (RFC 3261 §18.1.1). */
public final class SipDatagramEncoder extends MessageToMessageEncoder<AddressedEnvelope<SipMessage, InetSocketAddress>> {

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        // DatagramPacket is an AddressedEnvelope too: accept only envelopes around a SIP message.
        return msg instanceof AddressedEnvelope<?, ?> e && e.content() instanceof SipMessage;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, AddressedEnvelope<SipMessage, InetSocketAddress> msg,
            List<Object> out) {
        out.add(new DatagramPacket(Unpooled.wrappedBuffer(SipMessageWriter.toBytes(msg.content())), msg.recipient()));
    }
}
