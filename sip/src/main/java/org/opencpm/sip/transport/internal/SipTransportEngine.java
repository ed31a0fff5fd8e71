package org.opencpm.sip.transport.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.opencpm.sip.codec.ParseResult;
import org.opencpm.sip.codec.SipMessageParser;
import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transport.ErrorResponses;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.Inbound;
import org.opencpm.sip.transport.InboundHandler;
import org.opencpm.sip.transport.ResponseRouting;
import org.opencpm.sip.transport.SendListener;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;
import org.opencpm.sip.transport.ViaStamping;
import org.opencpm.sip.transport.netty.NettySipTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The implementation behind {@code NettySipTransport}: listeners, the connection table, inbound
 * dispatch (Via stamping, answering bad requests) and the send paths. Every method except
 * {@link #bind} runs on the one event loop; the facade hops onto it.
 */
public final class SipTransportEngine {

    private static final Logger log = LoggerFactory.getLogger(SipTransportEngine.class);
    /** Room for the largest UDP payload (65,507 bytes), so that Netty never truncates a datagram. */
    private static final int DATAGRAM_BUFFER = 65_536;
    /**
     * Bytes queued for a TCP peer that does not read: above the high mark sends to it fail rather than
     * let the queue grow without bound.
     */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final NettySipTransportConfig config;
    private final EventLoop loop;
    private final SipMessageParser parser;
    private final TransportCounters counters = new TransportCounters();
    private final ConnectionTable connections;
    private final List<Channel> udpChannels = new CopyOnWriteArrayList<>();
    private final List<Channel> tcpServers = new CopyOnWriteArrayList<>();
    private volatile InboundHandler handler;
    private long streamFaults;

    public SipTransportEngine(NettySipTransportConfig config, EventLoop loop) {
        this.config = config;
        this.loop = loop;
        this.parser = new SipMessageParser(config.decoder());
        this.connections = new ConnectionTable(config.maxTcpConnections());
    }

    public TransportCounters counters() {
        return counters;
    }

    public int openConnections() {
        return connections.open();
    }

    public void setHandler(InboundHandler h) {
        this.handler = h;
    }

    /** Binds one listen address; blocks until bound. Not on the event loop. */
    public Channel bind(Target listen) throws Exception {
        ChannelFuture f;
        if (listen.transport() == Transport.UDP) {
            f = new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                    .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DATAGRAM_BUFFER))
                    .handler(new ChannelInitializer<NioDatagramChannel>() {
                        @Override
                        protected void initChannel(NioDatagramChannel ch) {
                            ch.pipeline().addLast(new SipDatagramDecoder(parser), new SipDatagramEncoder(),
                                    new UdpHandler(SipTransportEngine.this));
                        }
                    })
                    .bind(listen.address());
        } else {
            f = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            accepted(ch);
                        }
                    })
                    .bind(listen.address());
        }
        f.awaitUninterruptibly();
        if (!f.isSuccess()) {
            Throwable cause = f.cause();
            throw cause instanceof Exception e ? e : new IllegalStateException(cause);
        }
        (listen.transport() == Transport.UDP ? udpChannels : tcpServers).add(f.channel());
        log.info("Listening on {} ({})", listen, f.channel().localAddress());
        return f.channel();
    }

    private void accepted(SocketChannel ch) {
        InetSocketAddress remote = ch.remoteAddress();
        if (!connections.reserve()) {
            counters.refusedConnections.increment();
            long refused = counters.refusedConnections.sum();
            // Under a flood, one line per connection would flood the log as well.
            if (loud(refused)) {
                log.warn("Refused TCP connection from {}: {} connections open, the limit ({} refused so far)", remote,
                        connections.max(), refused);
            }
            ch.close();
            return;
        }
        ch.closeFuture().addListener(f -> connections.release());
        TcpConnection c = new TcpConnection(remote, false);
        c.attach(ch);
        initPipeline(ch, c);
    }

    /** Assembles a TCP pipeline; package-private for the virtual-time tests. */
    void initPipeline(Channel ch, TcpConnection c) {
        SipStreamDecoder decoder = new SipStreamDecoder(parser);
        ch.pipeline().addLast(
                new IdleStateHandler(false, 0, 0, config.tcpIdleTimeout().toNanos(), TimeUnit.NANOSECONDS),
                decoder,
                SipStreamEncoder.INSTANCE,
                new TcpConnectionHandler(this, c, decoder, config.tcpHeadTimeout().toNanos()));
    }

    // ---- connection life cycle (called by TcpConnectionHandler) ----

    void connectionActive(TcpConnection c) {
        if (!c.isOutbound()) {
            connections.put(c);
            log.debug("Accepted TCP connection from {} ({} open)", c.remote(), connections.open());
            return;
        }
        List<TcpConnection.Pending> queued = c.pending;
        c.pending = null;
        log.debug("Connected to {}; writing {} queued message(s)", c.remote(), queued.size());
        for (TcpConnection.Pending p : queued) {
            writeTcp(c, p.message(), p.listener());
        }
    }

    void connectionClosed(TcpConnection c) {
        connections.remove(c);
        failPending(c, "connection to " + c.remote() + " closed");
        log.debug("TCP connection {} closed ({} open)", c, connections.open());
    }

    private void failPending(TcpConnection c, String reason) {
        List<TcpConnection.Pending> queued = c.pending;
        if (queued == null || queued.isEmpty()) {
            return;
        }
        c.pending = List.of();
        for (TcpConnection.Pending p : queued) {
            notifyFailure(p.listener(), reason);
        }
    }

    // ---- inbound ----

    void onReceived(ParseResult result, Flow flow, InetSocketAddress source) {
        try {
            if (result instanceof ParseResult.Parsed p) {
                SipMessage m = p.message();
                if (m instanceof SipRequest r) {
                    m = ViaStamping.stamp(r, source);
                }
                deliver(new Inbound(m, flow));
            } else if (result instanceof ParseResult.BadRequest b) {
                answer(b, flow, source);
            } else if (result instanceof ParseResult.Unparseable u) {
                counters.dropped.increment();
                long n = counters.dropped.sum();
                if (loud(n)) {
                    log.info("Dropped unparseable message from {} over {}: {} at offset {} ({} dropped so far)",
                            source, flow.transport(), u.fault(), u.offset(), n);
                } else {
                    log.debug("Dropped unparseable message from {} over {}: {} at offset {}", source,
                            flow.transport(), u.fault(), u.offset());
                }
            }
        } catch (RuntimeException e) {
            // Never to Netty: one bad message must not cost the connection or the listener.
            counters.dropped.increment();
            log.error("Failed to handle a message from {} over {}; dropped it", source, flow.transport(), e);
        }
    }

    private void answer(ParseResult.BadRequest b, Flow flow, InetSocketAddress source) {
        counters.badRequests.increment();
        SipResponse resp = ViaStamping.stamp(ErrorResponses.forBadRequest(b), source);
        long n = counters.badRequests.sum();
        if (loud(n)) {
            log.info("Answered malformed {} from {} over {} with {} {} ({} malformed requests so far)", b.method(),
                    source, flow.transport(), b.status(), b.fault(), n);
        } else {
            log.debug("Answered malformed {} from {} over {} with {} {}", b.method(), source, flow.transport(),
                    b.status(), b.fault());
        }
        sendResponse(resp, flow, reason -> log.info("Could not send {} {} to {}: {}", b.status(), b.fault(), source,
                reason));
    }

    private void deliver(Inbound in) {
        InboundHandler h = handler;
        if (h == null) {
            counters.dropped.increment();
            log.warn("No handler yet: dropped {} from {}", in.message().summary(), in.flow().remote());
            return;
        }
        counters.received.increment();
        try {
            h.onMessage(in);
        } catch (RuntimeException e) {
            log.error("Inbound handler failed on {} from {}", in.message().summary(), in.flow().remote(), e);
        }
    }

    void onStreamFault(StreamFault f, TcpConnection c) {
        boolean loud = loud(++streamFaults);
        if (f.answer() != null) {
            counters.badRequests.increment();
            SipResponse resp = ViaStamping.stamp(ErrorResponses.forBadRequest(f.answer()), c.remote());
            if (loud) {
                log.warn("TCP connection {}: {} at stream offset {}; answered {} and closing ({} such so far)", c,
                        f.fault(), f.offset(), f.answer().status(), streamFaults);
            }
            c.channel().writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
        } else {
            counters.dropped.increment();
            if (loud) {
                log.warn("TCP connection {}: {} at stream offset {}; closing ({} such so far)", c, f.fault(),
                        f.offset(), streamFaults);
            }
            c.channel().close();
        }
    }

    // ---- outbound ----

    public void send(SipMessage m, Target target, SendListener l) {
        InetSocketAddress addr = target.address();
        if (addr.isUnresolved()) {
            resolve(addr, l, resolved -> send(m, new Target(target.transport(), resolved), l));
            return;
        }
        switch (target.transport()) {
            case UDP -> {
                Channel ch = udpChannel(addr);
                if (ch == null) {
                    notifyFailure(l, "no UDP listener to send from");
                } else {
                    sendUdp(ch, m, addr, l);
                }
            }
            case TCP -> sendTcp(m, addr, l);
            default -> notifyFailure(l, "transport " + target.transport() + " is not supported");
        }
    }

    public void send(SipMessage m, Flow flow, SendListener l) {
        if (flow instanceof TcpConnection c && c.isOpen()) {
            writeTcp(c, m, l);
        } else if (flow instanceof UdpFlow u && u.isOpen()) {
            sendUdp(u.channel(), m, u.remote(), l);
        } else {
            send(m, flow.target(), l);
        }
    }

    /** RFC 3261 §18.2.2 and RFC 3581 §4: the request's connection if open, else per the top Via. */
    public void sendResponse(SipResponse r, Flow requestFlow, SendListener l) {
        if (requestFlow instanceof TcpConnection c && c.isOpen()) {
            writeTcp(c, r, l);
            return;
        }
        Target t;
        try {
            t = ResponseRouting.target(r.topVia());
        } catch (RuntimeException e) {
            notifyFailure(l, "no usable top Via in " + r.summary() + ": " + e.getMessage());
            return;
        }
        if (t.transport() == Transport.UDP && requestFlow instanceof UdpFlow u && u.isOpen()
                && !t.address().isUnresolved()) {
            // From the socket the request came in on, so that NATs and the client see the same 5-tuple.
            sendUdp(u.channel(), r, t.address(), l);
        } else {
            send(r, t, l);
        }
    }

    private Channel udpChannel(InetSocketAddress to) {
        Channel fallback = null;
        for (Channel ch : udpChannels) {
            InetSocketAddress local = (InetSocketAddress) ch.localAddress();
            if (local != null && local.getAddress().getClass() == to.getAddress().getClass()) {
                return ch;
            }
            if (fallback == null) {
                fallback = ch;
            }
        }
        return fallback;
    }

    private void sendUdp(Channel ch, SipMessage m, InetSocketAddress to, SendListener l) {
        ch.writeAndFlush(new DefaultAddressedEnvelope<>(m, to)).addListener(f -> {
            if (f.isSuccess()) {
                counters.sent.increment();
            } else {
                log.info("UDP send of {} to {} failed: {}", m.summary(), to, f.cause().toString());
                notifyFailure(l, "UDP send to " + to + " failed: " + f.cause());
            }
        });
    }

    private void sendTcp(SipMessage m, InetSocketAddress to, SendListener l) {
        TcpConnection c = connections.get(to);
        if (c != null && (c.isConnecting() || c.channel().isActive())) {
            writeTcp(c, m, l);
            return;
        }
        connect(to, new TcpConnection.Pending(m, l));
    }

    private void connect(InetSocketAddress to, TcpConnection.Pending first) {
        if (!connections.reserve()) {
            counters.refusedConnections.increment();
            log.warn("Not connecting to {}: {} TCP connections open, the limit", to, connections.max());
            notifyFailure(first.listener(), "TCP connection limit (" + connections.max() + ") reached");
            return;
        }
        TcpConnection c = new TcpConnection(to, true);
        // Queued before the connect starts: its future may have failed before connect() returns.
        c.pending.add(first);
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                connections.release();
            }
        };
        ChannelFuture f = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        config.connectTimeout().toMillis()))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        initPipeline(ch, c);
                    }
                })
                .connect(to);
        c.attach(f.channel());
        connections.put(c);
        f.channel().closeFuture().addListener(cf -> release.run());
        f.addListener(cf -> {
            if (!cf.isSuccess()) {
                // A channel that could not be created or registered (EMFILE) never closes, and its failed
                // future notifies on Netty's global executor: back to the loop, and give the slot back here.
                onLoop(() -> {
                    log.info("TCP connect to {} failed: {}", to, cf.cause().toString());
                    connections.remove(c);
                    release.run();
                    failPending(c, "connect to " + to + " failed: " + cf.cause());
                });
            }
        });
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    private void writeTcp(TcpConnection c, SipMessage m, SendListener l) {
        if (c.isConnecting()) {
            if (c.pending.size() >= TcpConnection.MAX_PENDING) {
                notifyFailure(l, "too many messages waiting for the connection to " + c.remote());
            } else {
                c.pending.add(new TcpConnection.Pending(m, l));
            }
            return;
        }
        if (!c.channel().isWritable()) {
            log.warn("Not sending {} to {}: more than {} bytes already wait for it", m.summary(), c.remote(),
                    WATER_MARK.high());
            notifyFailure(l, "send buffer to " + c.remote() + " full: the peer is not reading");
            return;
        }
        c.channel().writeAndFlush(m).addListener(f -> {
            if (f.isSuccess()) {
                counters.sent.increment();
            } else {
                log.info("TCP send of {} to {} failed: {}", m.summary(), c.remote(), f.cause().toString());
                notifyFailure(l, "TCP send to " + c.remote() + " failed: " + f.cause());
            }
        });
    }

    private void resolve(InetSocketAddress addr, SendListener l, Consumer<InetSocketAddress> then) {
        // DNS blocks: resolve off the event loop, continue on it.
        CompletableFuture.supplyAsync(() -> new InetSocketAddress(addr.getHostString(), addr.getPort()))
                .whenComplete((resolved, e) -> loop.execute(() -> {
                    if (e != null || resolved.isUnresolved()) {
                        notifyFailure(l, "cannot resolve " + addr.getHostString());
                    } else {
                        then.accept(resolved);
                    }
                }));
    }

    /**
     * Whether the n-th occurrence of something a peer can cause at will is logged loudly: the 1st, 2nd,
     * 4th, 8th, ... so that a flood cannot flood the log; the counters keep the exact numbers.
     */
    static boolean loud(long n) {
        return Long.bitCount(n) == 1;
    }

    private static void notifyFailure(SendListener l, String reason) {
        try {
            l.onSendFailure(reason);
        } catch (RuntimeException e) {
            log.error("Send listener failed on '{}'", reason, e);
        }
    }

    /** Closes every listener, and every connection once its queued writes are flushed. On the event loop. */
    public void closeAll() {
        for (Channel ch : udpChannels) {
            ch.close();
        }
        for (Channel ch : tcpServers) {
            ch.close();
        }
        for (TcpConnection c : connections.all()) {
            // Let what is already queued reach the peer; the group's shutdown closes what does not drain.
            c.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    public List<Channel> udpChannels() {
        return udpChannels;
    }

    public List<Channel> tcpServers() {
        return tcpServers;
    }
}
