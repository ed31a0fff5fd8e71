package org.opencpm.sip.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.opencpm.common.time.ExecutorScheduler;
import org.opencpm.common.time.Scheduler;
import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.HostPort;
import org.opencpm.sip.transport.InboundHandler;
import org.opencpm.sip.transport.SendListener;
import org.opencpm.sip.transport.SipTransportLayer;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;
import org.opencpm.sip.transport.internal.SipTransportEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP transport layer (RFC 3261 §18) on Netty sockets: UDP and TCP listeners, TCP connection
 * reuse, keep-alive pongs (RFC 5626 §3.5.1), Via stamping (§18.2.1, RFC 3581), response routing
 * (§18.2.2) and answers to malformed requests (400 with the fault as reason phrase).
 *
 * <pre>{@code
 * NettySipTransport transport = new NettySipTransport(NettySipTransportConfig.builder()
 *         .listen("udp:127.0.0.1:5060", "tcp:127.0.0.1:5060").build());
 * transport.setHandler(inbound -> ...);      // called on the SIP thread
 * transport.start();                          // binds, or throws SipTransportBindException
 * Scheduler sip = transport.scheduler();      // run the transaction layer on it
 * ...
 * transport.close();
 * }</pre>
 *
 * <p><b>Threading.</b> One single-threaded Netty event loop, the <em>SIP thread</em>, runs all socket
 * I/O, every {@link InboundHandler} and {@link SendListener} callback, and every task of
 * {@link #scheduler()}. The transaction layer and procedures run on that scheduler and so need no
 * locks. {@code send*}, {@link #setHandler}, {@link #stats()}, {@link #sentBy} and
 * {@link #boundAddress} may be called from any thread; sends from other threads hop onto the SIP
 * thread. Callbacks must not block.
 *
 * <p><b>Limits</b> are listed in {@link NettySipTransportConfig} and
 * {@link org.opencpm.sip.codec.SipDecoderConfig}.
 */
public final class NettySipTransport implements SipTransportLayer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NettySipTransport.class);

    private final NettySipTransportConfig config;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Scheduler scheduler;
    private final SipTransportEngine engine;
    private volatile boolean started;
    private volatile boolean closed;

    /** Creates the transport and its SIP thread; nothing is bound until {@link #start()}. */
    public NettySipTransport(NettySipTransportConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sip"), NioIoHandler.newFactory());
        this.loop = group.next();
        this.scheduler = new ExecutorScheduler(loop, loop::inEventLoop);
        this.engine = new SipTransportEngine(config, loop);
    }

    public NettySipTransportConfig config() {
        return config;
    }

    /**
     * Binds every listen address and returns once all are bound. If one cannot be bound (the port is
     * taken, the address is not local), those already bound are closed and
     * {@link SipTransportBindException} names the address. Must not be called on the SIP thread.
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (loop.inEventLoop()) {
            throw new IllegalStateException("start() blocks: call it off the SIP thread");
        }
        for (Target t : config.listen()) {
            try {
                engine.bind(t);
            } catch (Exception e) {
                close();
                throw new SipTransportBindException("cannot listen on " + t + ": " + e.getMessage(), e);
            }
        }
        started = true;
    }

    /** The scheduler over the SIP thread: the owner of the transaction layer and everything above it. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The address the first listener of {@code transport} is bound to (with the real port if 0 was asked), or null. */
    public InetSocketAddress boundAddress(Transport transport) {
        for (Channel ch : transport == Transport.UDP ? engine.udpChannels() : engine.tcpServers()) {
            return (InetSocketAddress) ch.localAddress();
        }
        return null;
    }

    /** The transport's counters now. */
    public TransportStats stats() {
        var c = engine.counters();
        return new TransportStats(c.received.sum(), c.sent.sum(), c.badRequests.sum(), c.dropped.sum(),
                engine.openConnections(), c.refusedConnections.sum());
    }

    @Override
    public void setHandler(InboundHandler handler) {
        engine.setHandler(handler);
    }

    /**
     * The configured host of the first listener of {@code transport} and its bound port. A wildcard
     * listen address (0.0.0.0) is reported as configured: configure the address peers should use.
     */
    @Override
    public HostPort sentBy(Transport transport) {
        for (Target t : config.listen()) {
            if (t.transport() == transport) {
                InetSocketAddress bound = boundAddress(transport);
                String host = t.address().getAddress() != null ? t.address().getAddress().getHostAddress()
                        : t.address().getHostString();
                if (host.indexOf(':') >= 0) {
                    host = "[" + host + "]";
                }
                return new HostPort(host, bound != null ? bound.getPort() : t.address().getPort());
            }
        }
        throw new IllegalArgumentException("no " + transport + " listener configured");
    }

    @Override
    public void send(SipMessage message, Target target, SendListener listener) {
        onLoop(() -> engine.send(message, target, listener));
    }

    @Override
    public void send(SipMessage message, Flow flow, SendListener listener) {
        onLoop(() -> engine.send(message, flow, listener));
    }

    @Override
    public void sendResponse(SipResponse response, Flow requestFlow, SendListener listener) {
        onLoop(() -> engine.sendResponse(response, requestFlow, listener));
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /**
     * Closes every listener and connection, then stops the SIP thread after the tasks already queued
     * have run. Blocks until done (at most a few seconds); idempotent. Must not be called on the SIP thread.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!group.isShuttingDown()) {
            loop.execute(engine::closeAll);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        log.info("SIP transport closed");
    }
}
