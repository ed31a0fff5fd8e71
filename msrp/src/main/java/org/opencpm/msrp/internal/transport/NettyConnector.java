package org.opencpm.msrp.internal.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.msrp.MsrpSessionConfig;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.internal.session.Connector;
import org.opencpm.msrp.internal.session.MsrpConnection;
import org.opencpm.msrp.internal.session.RealMsrpSession;
import org.opencpm.msrp.internal.session.SessionRegistry;

/**
 * Opens TCP connections for active sessions and shares one connection among the sessions to the same
 * first hop (RFC 4975 §8.1), including sessions that ask while the connection is still being opened.
 * Thread-safe.
 */
public final class NettyConnector implements Connector {

    private final EventLoopGroup group;
    private final MsrpSessionConfig config;
    private final SessionRegistry registry;
    private final LoopSchedulers schedulers;
    private final Map<String, CompletableFuture<MsrpConnection>> pool = new ConcurrentHashMap<>();

    public NettyConnector(EventLoopGroup group, MsrpSessionConfig config, SessionRegistry registry,
                          LoopSchedulers schedulers) {
        this.group = group;
        this.schedulers = schedulers;
        this.config = config;
        this.registry = registry;
    }

    @Override
    public void connect(MsrpUri firstHop, RealMsrpSession session) {
        if (firstHop.secure()) {
            session.onConnectFailed("msrps (TLS) is not supported yet: " + firstHop);
            return;
        }
        String key = firstHop.authorityKey();
        CompletableFuture<MsrpConnection> future = pool.compute(key, (k, existing) ->
                existing == null || existing.isCompletedExceptionally()
                        || existing.isDone() && existing.join().isClosed() ? open(firstHop, k) : existing);
        future.whenComplete((connection, error) -> {
            if (error != null) {
                session.onConnectFailed(String.valueOf(error.getMessage()));
            } else {
                connection.attach(session);
            }
        });
    }

    /** Connections currently pooled (open or opening). */
    public int pooledConnections() {
        return pool.size();
    }

    private CompletableFuture<MsrpConnection> open(MsrpUri hop, String key) {
        CompletableFuture<MsrpConnection> future = new CompletableFuture<>();
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(new MsrpChannelInitializer(config, registry, ch -> () -> pool.remove(key, future), false,
                        schedulers));
        String host = hop.host().startsWith("[") ? hop.host().substring(1, hop.host().length() - 1) : hop.host();
        ChannelFuture connect = b.connect(new InetSocketAddress(host, hop.effectivePort()));
        connect.addListener(f -> {
            if (f.isSuccess()) {
                future.complete(connect.channel().attr(MsrpChannelInitializer.CONNECTION).get());
            } else {
                pool.remove(key, future);
                future.completeExceptionally(f.cause());
            }
        });
        return future;
    }
}
