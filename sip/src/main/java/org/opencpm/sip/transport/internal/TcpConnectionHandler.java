package org.opencpm.sip.transport.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import org.opencpm.sip.codec.ParseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a TCP pipeline ({@code IdleStateHandler → SipStreamDecoder → SipStreamEncoder →
 * this}): sees only decoded objects and decides what to do with them. Parse results go to the
 * engine; a keep-alive ping is answered with a pong (RFC 5626 §3.5.1); a stream fault is answered if
 * possible and closes the connection; idleness and a message that does not complete in time
 * (slowloris) close it. Exceptions close this connection only and never reach Netty's tail.
 */
final class TcpConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TcpConnectionHandler.class);
    private static final byte[] PONG = {'\r', '\n'};

    private final SipTransportEngine engine;
    private final TcpConnection connection;
    private final SipStreamDecoder decoder;
    private final long headTimeoutNanos;

    TcpConnectionHandler(SipTransportEngine engine, TcpConnection connection, SipStreamDecoder decoder,
            long headTimeoutNanos) {
        this.engine = engine;
        this.connection = connection;
        this.decoder = decoder;
        this.headTimeoutNanos = headTimeoutNanos;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        engine.connectionActive(connection);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ParseResult r) {
            engine.onReceived(r, connection, connection.remote());
        } else if (msg instanceof KeepAlivePing) {
            if (ctx.channel().isWritable()) { // a ping flood from a peer that does not read gets no pongs
                ctx.writeAndFlush(Unpooled.wrappedBuffer(PONG));
            }
        } else if (msg instanceof StreamFault f) {
            cancelTimer();
            engine.onStreamFault(f, connection);
        } else {
            log.warn("Unexpected {} on {}; released", msg.getClass().getSimpleName(), connection);
            ReferenceCountUtil.release(msg);
        }
    }

    /** Arms the message timer when a message is left incomplete, re-arms it when messages complete. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!decoder.inMessage()) {
            cancelTimer();
        } else if (connection.messageTimer == null || connection.armedAtMessage != decoder.messagesDecoded()) {
            cancelTimer();
            connection.armedAtMessage = decoder.messagesDecoded();
            connection.messageTimer = ctx.executor().schedule(() -> onHeadTimeout(ctx), headTimeoutNanos,
                    TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelReadComplete();
    }

    private void onHeadTimeout(ChannelHandlerContext ctx) {
        connection.messageTimer = null;
        if (decoder.inMessage() && connection.armedAtMessage == decoder.messagesDecoded()) {
            engine.counters().dropped.increment();
            if (SipTransportEngine.loud(engine.counters().dropped.sum())) {
                log.warn("Closing TCP connection {}: message not completed within {} ms", connection,
                        TimeUnit.NANOSECONDS.toMillis(headTimeoutNanos));
            }
            ctx.close();
        }
    }

    private void cancelTimer() {
        if (connection.messageTimer != null) {
            connection.messageTimer.cancel(false);
            connection.messageTimer = null;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            log.info("Closing idle TCP connection {}", connection);
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimer();
        engine.connectionClosed(connection);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("TCP connection {} failed: {}; closing it", connection, cause.toString());
        ctx.close();
    }
}
