package org.opencpm.msrp.internal.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.opencpm.msrp.MsrpMessage;
import org.opencpm.msrp.internal.grammar.MsrpMessageWriter;

/**
 * Encodes an {@link MsrpMessage} into its wire form. A codec only: it decides nothing.
 *
 * <p>Pipeline position: after {@link MsrpFrameDecoder}, before the connection handler. Stateless and
 * shareable.
 */
@ChannelHandler.Sharable
public final class MsrpMessageEncoder extends MessageToByteEncoder<MsrpMessage> {

    public MsrpMessageEncoder() {
        super(MsrpMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MsrpMessage message, ByteBuf out) {
        out.writeBytes(MsrpMessageWriter.head(message));
        out.writeBytes(MsrpMessageWriter.body(message));
        out.writeBytes(MsrpMessageWriter.tail(message));
    }
}
