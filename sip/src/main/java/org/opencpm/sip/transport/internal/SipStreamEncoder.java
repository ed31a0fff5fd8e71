package org.opencpm.sip.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.opencpm.sip.codec.SipMessageWriter;
import org.opencpm.sip.message.SipMessage;

/** The stream encoder: a {@link SipMessage} becomes its wire bytes; other buffers (a keep-alive pong) pass through. */
@ChannelHandler.Sharable
public final class SipStreamEncoder extends MessageToByteEncoder<SipMessage> {

    public static final SipStreamEncoder INSTANCE = new SipStreamEncoder();

    private SipStreamEncoder() {
        super(SipMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SipMessage msg, ByteBuf out) {
        out.writeBytes(SipMessageWriter.toBytes(msg));
    }
}
