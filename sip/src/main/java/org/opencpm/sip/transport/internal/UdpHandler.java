package org.opencpm.sip.transport.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a UDP pipeline ({@code SipDatagramDecoder → SipDatagramEncoder → this}): hands
 * each datagram's parse result to the engine with its flow. Errors are logged; the socket stays open,
 * since one peer's bad datagram must not stop the listener.
 */
final class UdpHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(UdpHandler.class);

    private final SipTransportEngine engine;

    UdpHandler(SipTransportEngine engine) {
        this.engine = engine;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ReceivedDatagram d) {
            engine.onReceived(d.result(), new UdpFlow(ctx.channel(), d.sender()), d.sender());
        } else {
            log.warn("Unexpected {} on UDP {}; released", msg.getClass().getSimpleName(), ctx.channel().localAddress());
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("UDP socket {}: {}; continuing", ctx.channel().localAddress(), cause.toString());
    }
}
