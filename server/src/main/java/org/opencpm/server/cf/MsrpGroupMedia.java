package org.opencpm.server.cf;

import java.util.List;
import org.opencpm.common.time.Scheduler;
import org.opencpm.msrp.MsrpEndpoint;
import org.opencpm.msrp.MsrpSession;
import org.opencpm.msrp.MsrpSessionEvent;
import org.opencpm.msrp.MsrpSessionParameters;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.SetupRole;
import org.opencpm.msrp.sdp.MsrpMedia;

/**
 * The CF's media plane on an {@link MsrpEndpoint}: one {@link MsrpSession} per participant. MSRP events
 * arrive on MSRP event loops and are handed to the SIP owner thread, where the group sessions live.
 */
public final class MsrpGroupMedia implements GroupMedia {

    private final MsrpEndpoint endpoint;
    private final Scheduler sipScheduler;

    public MsrpGroupMedia(MsrpEndpoint endpoint, Scheduler sipScheduler) {
        this.endpoint = endpoint;
        this.sipScheduler = sipScheduler;
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
    public Leg open(String label, MsrpUri local, MsrpMedia peer, boolean weConnect, LegListener listener) {
        List<String> accept = peer.acceptTypes().isEmpty() ? List.of("message/cpim") : peer.acceptTypes();
        MsrpSession session = endpoint.openSession(new MsrpSessionParameters(local, peer.path(),
                weConnect ? SetupRole.ACTIVE : SetupRole.PASSIVE, accept), event -> {
                    if (event instanceof MsrpSessionEvent.MessageReceived m) {
                        sipScheduler.execute(() -> listener.onMessage(m.message().contentType(), m.message().body()));
                    } else if (event instanceof MsrpSessionEvent.ConnectionLost lost) {
                        sipScheduler.execute(() -> listener.onLost(lost.cause() + ": " + lost.detail()));
                    }
                });
        return new Leg() {
            @Override
            public void send(String contentType, byte[] body) {
                session.send(contentType, body);
            }

            @Override
            public void release() {
                session.close();
            }
        };
    }
}
