package org.opencpm.server.pf.media;

import java.util.List;
import org.opencpm.common.time.Scheduler;
import org.opencpm.msrp.MsrpEndpoint;
import org.opencpm.msrp.MsrpRelay;
import org.opencpm.msrp.MsrpRelayEvent;
import org.opencpm.msrp.MsrpRelayHook;
import org.opencpm.msrp.MsrpSessionParameters;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.RelayLeg;
import org.opencpm.msrp.SetupRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media plane on the server's MSRP listener: one {@link MsrpRelay} per CPM Session in B2BUA mode.
 * Relay events arrive on MSRP event loops and are handed to the SIP owner thread, where the sessions live.
 */
public final class MsrpMediaPlane implements MediaPlane {

    private static final Logger log = LoggerFactory.getLogger(MsrpMediaPlane.class);

    private final MsrpEndpoint endpoint;
    private final Scheduler sipScheduler;
    private final MsrpRelayHook hook;

    public MsrpMediaPlane(MsrpEndpoint endpoint, Scheduler sipScheduler, MsrpRelayHook hook) {
        this.endpoint = endpoint;
        this.sipScheduler = sipScheduler;
        this.hook = hook;
    }

    @Override
    public MsrpUri newLocalUri() {
        return endpoint.newLocalUri();
    }

    @Override
    public String address() {
        return endpoint.listenAddress().getAddress().getHostAddress();
    }

    @Override
    public Relay join(String session, LegMedia clientLeg, LegMedia networkLeg, RelayListener listener) {
        return join(session, clientLeg, networkLeg, listener, MessageInspector.PASS);
    }

    @Override
    public Relay join(String session, LegMedia clientLeg, LegMedia networkLeg, RelayListener listener,
                      MessageInspector inspector) {
        MsrpRelayHook inspected = (from, message) -> inspector.inspect(from == RelayLeg.CLIENT ? Side.CLIENT : Side.NETWORK,
                message.contentType(), message.body()) == MessageInspector.Verdict.TAKE
                ? new org.opencpm.msrp.RelayOutcome.Consume() : hook.intercept(from, message);
        MsrpRelay relay = endpoint.openRelay(params(clientLeg), params(networkLeg), inspected, event -> {
            if (event instanceof MsrpRelayEvent.LegLost lost) {
                Side side = lost.leg() == RelayLeg.CLIENT ? Side.CLIENT : Side.NETWORK;
                log.info("CPM session {}: MSRP {} leg lost ({}: {}), {} message(s) unacknowledged", session, side,
                        lost.cause(), lost.detail(), lost.undelivered().size());
                sipScheduler.execute(() -> listener.onLegLost(side, lost.cause() + ": " + lost.detail()));
            }
        });
        inspector.attached((to, contentType, body) -> {
            org.opencpm.msrp.MsrpSession leg = relay.leg(to == Side.CLIENT ? RelayLeg.CLIENT : RelayLeg.NETWORK);
            if (leg.isClosed()) {
                return false;
            }
            leg.send(contentType, body);
            return true;
        });
        return new Relay() {
            @Override
            public void releaseLeg(Side side) {
                relay.leg(side == Side.CLIENT ? RelayLeg.CLIENT : RelayLeg.NETWORK).close();
            }

            @Override
            public void release() {
                relay.close();
            }
        };
    }

    private static MsrpSessionParameters params(LegMedia leg) {
        return new MsrpSessionParameters(leg.local(), leg.peer().path(), leg.weConnect() ? SetupRole.ACTIVE : SetupRole.PASSIVE,
                leg.acceptTypes().isEmpty() ? List.of("message/cpim") : leg.acceptTypes(), leg.peer().maxSize());
    }
}
