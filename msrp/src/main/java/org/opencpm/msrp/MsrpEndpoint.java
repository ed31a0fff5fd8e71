package org.opencpm.msrp;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Objects;
import org.opencpm.common.time.Scheduler;
import org.opencpm.msrp.internal.relay.BackToBackRelay;
import org.opencpm.msrp.internal.session.Ids;
import org.opencpm.msrp.internal.session.RealMsrpSession;
import org.opencpm.msrp.internal.session.SessionRegistry;
import org.opencpm.msrp.internal.transport.LoopSchedulers;
import org.opencpm.msrp.internal.transport.NettyConnector;
import org.opencpm.msrp.internal.transport.NettyListener;

/**
 * An MSRP endpoint on TCP: the entry point of this module. Build one per process (or per listening
 * address), open sessions and relays on it, close it at shutdown.
 *
 * <pre>{@code
 * MsrpEndpoint endpoint = MsrpEndpoint.builder().listen(new InetSocketAddress("127.0.0.1", 2855)).build();
 * MsrpUri local = endpoint.newLocalUri();                       // goes into our SDP a=path
 * MsrpSession s = endpoint.openSession(
 *         new MsrpSessionParameters(local, remotePathFromSdp, SetupRole.PASSIVE, List.of("message/cpim")),
 *         event -> { ... });                                    // MessageReceived, ConnectionLost, ...
 * s.send("message/cpim", bytes);
 * }</pre>
 *
 * <p>Active sessions to the same first hop share one connection (RFC 4975 §8.1); passive sessions are
 * bound by the peer's first request on any accepted connection (§5.4). The endpoint owns its event loops
 * unless given a group with {@link Builder#eventLoopGroup}. Thread-safe.
 */
public final class MsrpEndpoint implements AutoCloseable {

    /** The port put in URIs of an endpoint that does not listen (RFC 6135 uses 9, "discard", for active). */
    public static final int NO_LISTEN_PORT = 9;

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final MsrpSessionConfig config;
    private final SessionRegistry registry = new SessionRegistry();
    private final LoopSchedulers schedulers = new LoopSchedulers();
    private final NettyConnector connector;
    private final NettyListener listener;
    private final String advertisedHost;
    private final SecureRandom random = new SecureRandom();

    private MsrpEndpoint(Builder b) throws InterruptedException {
        this.ownsGroup = b.group == null;
        this.group = ownsGroup ? new MultiThreadIoEventLoopGroup(b.threads, NioIoHandler.newFactory()) : b.group;
        this.config = b.config;
        this.connector = new NettyConnector(group, config, registry, schedulers);
        this.listener = b.listen == null ? null : NettyListener.bind(group, b.listen, config, registry, schedulers);
        String host = b.advertisedHost != null ? b.advertisedHost
                : b.listen != null ? b.listen.getAddress().getHostAddress() : "127.0.0.1";
        this.advertisedHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The bound listening address, or {@code null} if this endpoint does not listen. */
    public InetSocketAddress listenAddress() {
        return listener == null ? null : listener.localAddress();
    }

    /** Outgoing connections open or opening, for observability: sessions to one first hop share one. */
    public int pooledConnectionCount() {
        return connector.pooledConnections();
    }

    public MsrpSessionConfig config() {
        return config;
    }

    /** A fresh local URI with a random session-id, for this end's SDP {@code a=path}. */
    public MsrpUri newLocalUri() {
        int port = listener == null ? NO_LISTEN_PORT : listener.localAddress().getPort();
        return MsrpUri.of(advertisedHost, port, Ids.newSessionId(random));
    }

    /**
     * A scheduler on one of this endpoint's event loops (the next in turn), to run several sessions (or a relay)
     * together. Schedulers are shared: every caller that gets the same loop gets the same scheduler.
     */
    public Scheduler newScheduler() {
        return schedulers.of(group.next());
    }

    /** Opens a session on its own event loop. */
    public MsrpSession openSession(MsrpSessionParameters parameters, MsrpSessionListener sessionListener) {
        return openSession(parameters, sessionListener, newScheduler());
    }

    /**
     * Opens a session whose events run on {@code scheduler}: it connects (active) or waits for the peer
     * (passive) at once.
     */
    public MsrpSession openSession(MsrpSessionParameters parameters, MsrpSessionListener sessionListener,
                                   Scheduler scheduler) {
        RealMsrpSession session = newSession(parameters, sessionListener, scheduler);
        session.start();
        return session;
    }

    /**
     * Opens the two legs of a back-to-back relay on one scheduler and joins them: messages received on one
     * leg pass {@code hook} and go out on the other.
     */
    public MsrpRelay openRelay(MsrpSessionParameters clientLeg, MsrpSessionParameters networkLeg, MsrpRelayHook hook,
                               MsrpRelayListener relayListener) {
        Scheduler scheduler = newScheduler();
        BackToBackRelay relay = new BackToBackRelay(hook, relayListener);
        RealMsrpSession client = newSession(clientLeg, relay.listener(RelayLeg.CLIENT), scheduler);
        RealMsrpSession network = newSession(networkLeg, relay.listener(RelayLeg.NETWORK), scheduler);
        relay.join(client, network);
        client.start();
        network.start();
        return relay;
    }

    private RealMsrpSession newSession(MsrpSessionParameters p, MsrpSessionListener l, Scheduler scheduler) {
        Objects.requireNonNull(l, "listener");
        if (p.role() == SetupRole.PASSIVE && listener == null) {
            throw new IllegalStateException("a passive session needs an endpoint that listens");
        }
        return new RealMsrpSession(p.localUri(), p.remotePath(), p.acceptTypes(), p.role(), config, scheduler, l,
                registry, connector, Ids.SHARED).withPeerMaxSize(p.peerMaxSize());
    }

    /** Stops listening and, if the endpoint created its event loops, shuts them down (waits up to a few seconds). */
    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Builds an {@link MsrpEndpoint}. */
    public static final class Builder {
        private EventLoopGroup group;
        private int threads = 1;
        private MsrpSessionConfig config = MsrpSessionConfig.DEFAULT;
        private InetSocketAddress listen;
        private String advertisedHost;

        /** Uses {@code eventLoopGroup} (NIO) instead of creating one; the endpoint then does not shut it down. */
        public Builder eventLoopGroup(EventLoopGroup eventLoopGroup) {
            this.group = eventLoopGroup;
            return this;
        }

        /** Event loop threads to create when no group is given; default 1. */
        public Builder threads(int count) {
            this.threads = count;
            return this;
        }

        public Builder config(MsrpSessionConfig sessionConfig) {
            this.config = Objects.requireNonNull(sessionConfig, "config");
            return this;
        }

        /** Listens for passive sessions on {@code address} (port 0: an ephemeral port). */
        public Builder listen(InetSocketAddress address) {
            this.listen = address;
            return this;
        }

        /** The host written in local URIs; default: the listening address. */
        public Builder advertisedHost(String host) {
            this.advertisedHost = host;
            return this;
        }

        /** Starts the endpoint; binds the listening address first, so never call it on an event loop. */
        public MsrpEndpoint build() {
            try {
                return new MsrpEndpoint(this);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while binding " + listen, e);
            }
        }
    }
}
