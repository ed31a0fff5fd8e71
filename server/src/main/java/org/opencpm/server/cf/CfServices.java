package org.opencpm.server.cf;

import org.opencpm.common.time.Scheduler;
import org.opencpm.server.config.ControllingFunctionConfig;
import org.opencpm.server.edge.EdgeRouting;
import org.opencpm.server.edge.Forwarder;
import org.opencpm.sip.transport.SipTransportLayer;
import org.opencpm.sip.transport.Target;

/**
 * What the Controlling Function's procedures use: sending (transactions), routing knowledge for
 * in-dialog requests, the scheduler (inactivity and subscription timers), the CF media plane and
 * configuration. One instance per server, owned by the SIP owner thread.
 *
 * @param core   where the CF's initial requests go "via the SIP/IP core" (to the invitees' terminating
 *               PFs): our own edge in the embedded deployment
 * @param domain the host part of every focus URI ({@code sip:<id>@<domain>})
 * @param recordRoute in the embedded deployment, the edge's own loose-routing URI: the embedded core record-routes
 *                    the focus's dialogs, as a real core would, so that in-dialog requests for a focus URI (whose
 *                    host is the served domain, not an address) reach it; null behind an external core
 */
public record CfServices(Forwarder sender, SipTransportLayer transport, Scheduler scheduler, EdgeRouting routing,
                         GroupMedia media, ControllingFunctionConfig config, String domain, Target core,
                         String serverToken, String recordRoute) {

    /** The User-Agent of requests the CF originates (Appendix D release token). */
    public String userAgent() {
        return serverToken;
    }
}
