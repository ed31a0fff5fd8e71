package org.opencpm.msrp.internal.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import org.opencpm.msrp.MsrpSessionConfig;
import org.opencpm.msrp.internal.session.SessionRegistry;

/** Accepts MSRP connections for passive sessions (RFC 6135 passive role). */
public final class NettyListener {

    private final Channel serverChannel;

    private NettyListener(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    /** Binds {@code address}; blocks until bound, so never call it on an event loop. */
    public static NettyListener bind(EventLoopGroup group, InetSocketAddress address, MsrpSessionConfig config,
                                     SessionRegistry registry, LoopSchedulers schedulers) throws InterruptedException {
        Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new MsrpChannelInitializer(config, registry, c -> () -> { }, true, schedulers))
                .bind(address).sync().channel();
        return new NettyListener(ch);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public void close() {
        serverChannel.close().syncUninterruptibly();
    }
}
