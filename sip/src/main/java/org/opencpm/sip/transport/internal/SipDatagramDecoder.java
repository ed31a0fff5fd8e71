package org.opencpm.sip.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.opencpm.sip.codec.SipMessageParser;

/**
 * The UDP codec: turns each {@link DatagramPacket} into a {@link ReceivedDatagram} with
 * {@link SipMessageParser#parseDatagram}. It makes no decisions; the datagram is the frame
 * (RFC 3261 §18.3) and the parser enforces the size limits. The packet is released by the
 * superclass after decoding.
 */
public final class SipDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {

    private final SipMessageParser parser;

    public SipDatagramDecoder(SipMessageParser parser) {
        super(DatagramPacket.class);
        this.parser = parser;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        ByteBuf content = packet.content();
        byte[] bytes = ByteBufUtil.getBytes(content);
        out.add(new ReceivedDatagram(parser.parseDatagram(bytes, 0, bytes.length), packet.sender()));
    }
}
