package org.opencpm.server;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opencpm.common.time.Scheduler;
import org.opencpm.server.cf.CfServices;
import org.opencpm.server.cf.ControllingFunction;
import org.opencpm.server.cf.GroupMedia;
import org.opencpm.server.config.ParticipatingFunctionConfig;
import org.opencpm.server.config.Route;
import org.opencpm.server.config.ServerConfig;
import org.opencpm.server.config.SipConfig;
import org.opencpm.server.config.TransportAddress;
import org.opencpm.server.deferral.DeferralSettings;
import org.opencpm.server.deferral.DeferredMessages;
import org.opencpm.store.deferred.DeferredMessageStore;
import org.opencpm.server.edge.EdgeCore;
import org.opencpm.server.edge.EdgeRouting;
import org.opencpm.server.edge.Forwarder;
import org.opencpm.server.edge.LocationService;
import org.opencpm.server.edge.ProxyCore;
import org.opencpm.server.edge.Registrar;
import org.opencpm.server.pf.ParticipatingFunction;
import org.opencpm.server.pf.PfServices;
import org.opencpm.server.pf.SessionHistory;
import org.opencpm.server.pf.media.MediaPlane;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.transaction.ClientTransaction;
import org.opencpm.sip.transaction.ClientTransactionListener;
import org.opencpm.sip.transaction.SipTimers;
import org.opencpm.sip.transaction.TransactionLayer;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.HostPort;
import org.opencpm.sip.transport.SipTransportLayer;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;

/**
 * The server's SIP logic wired together over any {@link SipTransportLayer}: the transaction layer,
 * the embedded SIP/IP core (registrar, location service, proxy) and, in B2BUA mode, the Participating
 * Function. {@link OpenCpmServer} builds it on Netty sockets and the MSRP listener; procedure tests
 * build it on the in-memory network with a virtual clock and a recording media plane.
 */
public final class ServerCore {

    private final TransactionLayer transactions;
    private final LocationService locations;
    private final ParticipatingFunction pf;
    private final ControllingFunction cf;
    private final PfServices pfServices;

    private ServerCore(TransactionLayer transactions, LocationService locations, ParticipatingFunction pf,
                       ControllingFunction cf, PfServices pfServices) {
        this.transactions = transactions;
        this.locations = locations;
        this.pf = pf;
        this.cf = cf;
        this.pfServices = pfServices;
    }

    /**
     * Turns on store-and-forward of standalone messages (§8.3.1.6) on {@code store}: the terminating PF defers
     * for users with no suitable client, registrations trigger delivery, and the expiry sweep starts. Must run
     * on the scheduler's thread; needs the PF (B2BUA mode).
     */
    public DeferredMessages enableDeferral(DeferredMessageStore store, DeferralSettings settings) {
        if (pf == null) {
            throw new IllegalStateException("deferral needs the Participating Function in B2BUA mode");
        }
        DeferredMessages deferral = new DeferredMessages(pfServices, store, settings);
        pf.setDeferralDecision(deferral);
        locations.addListener(deferral);
        deferral.start();
        return deferral;
    }

    /**
     * Wires the server. Must run on the scheduler's thread.
     *
     * @param local    every address a SIP listener is bound to
     * @param self     where "via the SIP/IP core" goes in the embedded deployment (our own listener)
     */
    public static ServerCore assemble(ServerConfig config, SipTransportLayer transport, Scheduler scheduler,
                                      Set<HostPort> local, Target self, MediaPlane media, SessionHistory history) {
        return assemble(config, transport, scheduler, local, self, media, null, history);
    }

    /**
     * Wires the server with the Controlling Function on {@code groupMedia} (no CF when it is null). Must run
     * on the scheduler's thread.
     */
    public static ServerCore assemble(ServerConfig config, SipTransportLayer transport, Scheduler scheduler,
                                      Set<HostPort> local, Target self, MediaPlane media, GroupMedia groupMedia,
                                      SessionHistory history) {
        SipConfig sip = config.sip();
        String serverHeader = "OpenCPM " + config.participatingFunction().profile().serverToken();
        LocationService locations = new LocationService(scheduler);
        Map<String, Target> routes = new HashMap<>();
        for (Route r : config.routes()) {
            routes.put(r.domain().toLowerCase(Locale.ROOT), target(r.nextHop()));
        }
        EdgeRouting routing = new EdgeRouting(config.domain(), local, routes, locations);
        TransactionLayer[] layer = new TransactionLayer[1];
        Forwarder forwarder = new Forwarder() {
            @Override
            public ClientTransaction sendRequest(SipRequest request, Target target, ClientTransactionListener l) {
                return layer[0].sendRequest(request, target, l);
            }

            @Override
            public ClientTransaction sendRequest(SipRequest request, Flow flow, ClientTransactionListener l) {
                return layer[0].sendRequest(request, flow, l);
            }

            @Override
            public void sendAck(SipRequest ack, Target target) {
                layer[0].sendAck(ack, target);
            }

            @Override
            public void sendAck(SipRequest ack, Flow flow) {
                layer[0].sendAck(ack, flow);
            }
        };
        ProxyCore proxy = new ProxyCore(routing, forwarder, transport, serverHeader);
        Registrar registrar = new Registrar(config.domain(), locations, serverHeader);
        EdgeCore core = new EdgeCore(routing, registrar, proxy, scheduler.clock(), serverHeader);
        layer[0] = new TransactionLayer(transport, scheduler, new SipTimers(sip.t1(), sip.t2(), sip.t4()), core);
        // The edge proxies requests whose To has no tag on behalf of others; merged-request detection (RFC 3261
        // §8.2.2.2) would refuse a forked request coming back through us, so it is off.
        layer[0].setMergedRequestDetection(false);
        ParticipatingFunction pf = null;
        PfServices pfServices = null;
        if (config.participatingFunction().mode() == ParticipatingFunctionConfig.Mode.B2BUA) {
            Target coreTarget = config.core().map(ServerCore::target).orElse(self);
            Target isf = config.interworking().isf().map(ServerCore::target).orElse(null);
            pfServices = new PfServices(forwarder, transport, scheduler, routing, locations, media,
                    config.participatingFunction(), config.users(), config.domain(), coreTarget, isf, history,
                    config.participatingFunction().allowedMedia());
            pf = new ParticipatingFunction(pfServices);
            core.setParticipatingFunction(pf);
        }
        ControllingFunction cf = null;
        if (groupMedia != null) {
            Target coreTarget = config.core().map(ServerCore::target).orElse(self);
            cf = new ControllingFunction(new CfServices(forwarder, transport, scheduler, routing, groupMedia,
                    config.controllingFunction(), config.domain(), coreTarget,
                    config.participatingFunction().profile().serverToken() + " OpenCPM/0.1",
                    config.core().isPresent() ? null : "<sip:" + self.address().getHostString() + ":"
                            + self.address().getPort() + ";transport="
                            + self.transport().name().toLowerCase(Locale.ROOT) + ";lr>"));
            core.setControllingFunction(cf);
        }
        return new ServerCore(layer[0], locations, pf, cf, pfServices);
    }

    static Target target(TransportAddress a) {
        return Target.of(Transport.parse(a.transport().name()), a.host(), a.port());
    }

    public TransactionLayer transactions() {
        return transactions;
    }

    public LocationService locations() {
        return locations;
    }

    /** The Participating Function, or null when it is not in B2BUA mode. */
    public ParticipatingFunction participatingFunction() {
        return pf;
    }

    /** The Controlling Function, or null when the server was assembled without group media. */
    public ControllingFunction controllingFunction() {
        return cf;
    }
}
