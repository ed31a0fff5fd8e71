package org.opencpm.server;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.opencpm.common.time.Scheduler;
import org.opencpm.server.config.Route;
import org.opencpm.server.config.ServerConfig;
import org.opencpm.server.config.SipConfig;
import org.opencpm.server.config.TransportAddress;
import org.opencpm.server.deferral.DeferralSettings;
import org.opencpm.server.deferral.DeferredMessages;
import org.opencpm.store.deferred.DeferredMessageStore;
import org.opencpm.store.deferred.DeferredStoreConfig;
import org.opencpm.store.deferred.SqliteDeferredMessageStore;
import org.opencpm.server.edge.EdgeCore;
import org.opencpm.server.edge.EdgeRouting;
import org.opencpm.server.edge.Forwarder;
import org.opencpm.server.edge.LocationService;
import org.opencpm.server.edge.ProxyCore;
import org.opencpm.server.edge.Registrar;
import org.opencpm.msrp.MsrpEndpoint;
import org.opencpm.server.config.ParticipatingFunctionConfig;
import org.opencpm.server.pf.ParticipatingFunction;
import org.opencpm.server.pf.PfServices;
import org.opencpm.server.pf.SessionHistory;
import org.opencpm.server.pf.media.MediaPlane;
import org.opencpm.server.pf.media.MsrpMediaPlane;
import org.opencpm.sip.codec.SipDecoderConfig;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.transaction.ClientTransaction;
import org.opencpm.sip.transaction.ClientTransactionListener;
import org.opencpm.sip.transaction.SipTimers;
import org.opencpm.sip.transaction.TransactionLayer;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.HostPort;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;
import org.opencpm.sip.transport.netty.NettySipTransport;
import org.opencpm.sip.transport.netty.NettySipTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running OpenCPM server: the SIP transports, the transaction layer, and the features the
 * configuration enables (today: the embedded SIP/IP core — registrar, location service and proxy).
 * Built and started by {@link #start(ServerConfig)}; stopped by {@link #close()}.
 *
 * <p>Threading: all SIP processing runs on the transport's single event loop; see
 * {@link NettySipTransport}.
 */
public final class OpenCpmServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpenCpmServer.class);

    private final ServerConfig config;
    private final NettySipTransport transport;
    private final TransactionLayer transactions;
    private final LocationService locations;
    private final MsrpEndpoint msrp;
    private final ParticipatingFunction pf;
    private org.opencpm.store.imdn.ImdnCache imdnCache;
    private final DeferredMessageStore deferredStore;
    private final DeferredMessages deferral;

    private OpenCpmServer(ServerConfig config, NettySipTransport transport, MsrpEndpoint msrp,
                          TransactionLayer transactions, LocationService locations, ParticipatingFunction pf,
                          DeferredMessageStore deferredStore, DeferredMessages deferral) {
        this.deferredStore = deferredStore;
        this.deferral = deferral;
        this.config = config;
        this.transport = transport;
        this.msrp = msrp;
        this.transactions = transactions;
        this.locations = locations;
        this.pf = pf;
    }

    /** Store-and-forward of standalone messages, or null when the PF is not in B2BUA mode. */
    public DeferredMessages deferral() {
        return deferral;
    }

    /** The Participating Function, or null when it is not in B2BUA mode. */
    public ParticipatingFunction participatingFunction() {
        return pf;
    }

    /** Binds every listener and starts serving. Throws if a listener cannot be bound. */
    public static OpenCpmServer start(ServerConfig config) {
        SipConfig sip = config.sip();
        NettySipTransport transport = new NettySipTransport(NettySipTransportConfig.builder()
                .listen(config.listen().sip().stream().map(ServerCore::target).toList())
                .decoder(SipDecoderConfig.DEFAULT.withMaxMessageSize(sip.maxMessageSize()))
                .tcpIdleTimeout(sip.tcpIdleTimeout())
                .tcpHeadTimeout(sip.tcpHeaderTimeout())
                .build());
        transport.start();
        MsrpEndpoint msrp;
        try {
            TransportAddress m = config.listen().msrp();
            // msrp: keys (AMB-01 timings, chunking, size cap) reach every MSRP session and relay leg
            org.opencpm.server.config.MsrpConfig mc = config.msrp();
            org.opencpm.msrp.MsrpSessionConfig sessionConfig = org.opencpm.msrp.MsrpSessionConfig.DEFAULT
                    .withChunkSize(mc.chunkSize())
                    .withMaxMessageSize(mc.maxMessageSize())
                    .withTimeouts(mc.transactionTimeout(), mc.connectTimeout(), mc.idleProbeInterval(),
                            org.opencpm.msrp.MsrpSessionConfig.DEFAULT.chunkTimeout());
            msrp = MsrpEndpoint.builder().listen(new java.net.InetSocketAddress(m.host(), m.port()))
                    .config(sessionConfig).build();
        } catch (RuntimeException e) {
            transport.close();
            throw new IllegalStateException("OpenCPM could not listen for MSRP on " + config.listen().msrp() + ": "
                    + e.getMessage(), e);
        }
        org.opencpm.store.imdn.ImdnCache imdnCache = null;
        // the deferred-message store (§8.3.1.6): opened here, off the event loop, since recovery blocks
        DeferredMessageStore deferredStore = null;
        if (config.participatingFunction().mode() == ParticipatingFunctionConfig.Mode.B2BUA) {
            try {
                deferredStore = SqliteDeferredMessageStore.open(config.dataDir(),
                        DeferredStoreConfig.DEFAULTS.withExpiry(config.store().deferredExpiry()),
                        transport.scheduler().clock());
            } catch (RuntimeException e) {
                transport.close();
                msrp.close();
                throw new IllegalStateException("OpenCPM could not open the deferred message store in "
                        + config.dataDir() + ": " + e.getMessage(), e);
            }
        }
        DeferredMessageStore store = deferredStore;
        try {
            Scheduler scheduler = transport.scheduler();
            // AMB-03: the IMDN cache survives restarts; opened here, not on the SIP thread (it blocks)
            imdnCache = org.opencpm.store.imdn.SqliteImdnCache.open(config.dataDir(),
                    org.opencpm.store.imdn.ImdnCacheConfig.DEFAULTS.withTtl(config.store().imdnCacheTtl()),
                    scheduler.clock());
            org.opencpm.store.imdn.ImdnCache cache = imdnCache;
            String serverHeader = "OpenCPM " + config.participatingFunction().profile().serverToken();
            CompletableFuture<OpenCpmServer> built = new CompletableFuture<>();
            scheduler.execute(() -> {
                try {
                    OpenCpmServer server = assemble(config, transport, msrp, scheduler, serverHeader, store);
                    server.imdnCache = cache;
                    if (server.pf != null) {
                        server.pf.notifications().setCache(cache);
                    }
                    built.complete(server);
                } catch (RuntimeException e) {
                    built.completeExceptionally(e);
                }
            });
            return built.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            transport.close();
            msrp.close();
            if (imdnCache != null) {
                imdnCache.close();
            }
            if (store != null) {
                store.close();
            }
            throw new IllegalStateException("OpenCPM could not start: " + e.getMessage(), e);
        }
    }

    private static OpenCpmServer assemble(ServerConfig config, NettySipTransport transport, MsrpEndpoint msrp,
                                          Scheduler scheduler, String serverHeader, DeferredMessageStore store) {
        Set<HostPort> local = new HashSet<>();
        for (Transport t : List.of(Transport.UDP, Transport.TCP)) {
            if (transport.boundAddress(t) != null) {
                local.add(transport.sentBy(t));
            }
        }
        Transport selfTransport = transport.boundAddress(Transport.UDP) != null ? Transport.UDP : Transport.TCP;
        Target self = new Target(selfTransport, transport.boundAddress(selfTransport));
        MediaPlane media = new MsrpMediaPlane(msrp, scheduler, org.opencpm.msrp.MsrpRelayHook.FORWARD_ALL);
        ServerCore core = ServerCore.assemble(config, transport, scheduler, local, self, media,
                new org.opencpm.server.cf.MsrpGroupMedia(msrp, scheduler), SessionHistory.NONE);
        DeferredMessages deferral = store != null ? core.enableDeferral(store, DeferralSettings.DEFAULTS) : null;
        return new OpenCpmServer(config, transport, msrp, core.transactions(), core.locations(), core.participatingFunction(),
                store, deferral);
    }

    public ServerConfig config() {
        return config;
    }

    /** The local address a SIP listener is bound to (the real port when the configuration asked for port 0). */
    public java.net.InetSocketAddress sipAddress(Transport t) {
        return transport.boundAddress(t);
    }

    public LocationService locations() {
        return locations;
    }

    public TransactionLayer transactions() {
        return transactions;
    }

    /** A one-line description of the listeners, for the start-up log. */
    public String describeListeners() {
        StringBuilder sb = new StringBuilder();
        for (Transport t : List.of(Transport.UDP, Transport.TCP)) {
            java.net.InetSocketAddress a = transport.boundAddress(t);
            if (a != null) {
                sb.append(sb.length() == 0 ? "" : ", ").append("sip ").append(t.name().toLowerCase(java.util.Locale.ROOT))
                        .append(':').append(a.getAddress().getHostAddress()).append(':').append(a.getPort());
            }
        }
        java.net.InetSocketAddress m = msrp.listenAddress();
        sb.append(", msrp tcp:").append(m.getAddress().getHostAddress()).append(':').append(m.getPort());
        return sb.toString();
    }

    @Override
    public void close() {
        log.info("OpenCPM stopping");
        if (deferral != null) {
            transport.scheduler().execute(deferral::stop);
        }
        transport.close();
        msrp.close();
        if (imdnCache != null) {
            imdnCache.close();
        }
        if (deferredStore != null) {
            deferredStore.close(); // finishes queued writes
        }
    }
}
