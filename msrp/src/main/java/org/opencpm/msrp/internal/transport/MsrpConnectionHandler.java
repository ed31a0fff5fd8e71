package org.opencpm.msrp.internal.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import org.opencpm.msrp.LossCause;
import org.opencpm.msrp.MsrpParseException;
import org.opencpm.msrp.internal.codec.MsrpFrameDecoder;
import org.opencpm.msrp.internal.session.MsrpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes channel events to the {@link MsrpConnection}: decoded messages, writability, whether a frame is
 * half-read (for the chunk timeout), close and errors. Sees only decoded objects, never a ByteBuf.
 *
 * <p>Pipeline position: last, after {@link MsrpFrameDecoder} and the encoder.
 */
final class MsrpConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(MsrpConnectionHandler.class);

    private final MsrpConnection connection;
    private final MsrpFrameDecoder decoder;

    MsrpConnectionHandler(MsrpConnection connection, MsrpFrameDecoder decoder) {
        this.connection = connection;
        this.decoder = decoder;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        connection.onInbound(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.onMidFrame(decoder.isMidFrame());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.onWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.onClosed(LossCause.CONNECTION_CLOSED, "connection closed");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof MsrpParseException) {
            log.warn("MSRP framing error from {}: {}; closing the connection", connection.describe(),
                    cause.getCause().getMessage());
            connection.onClosed(LossCause.FRAMING_ERROR, cause.getCause().getMessage());
        } else {
            log.warn("MSRP connection {} failed: {}; closing it", connection.describe(), cause.toString());
            connection.onClosed(LossCause.CONNECTION_CLOSED, cause.toString());
        }
        ctx.close();
    }
}
