package org.opencpm.server.pf;

import java.util.List;
import org.opencpm.common.time.Scheduler;
import org.opencpm.server.config.ParticipatingFunctionConfig;
import org.opencpm.server.config.UsersConfig;
import org.opencpm.server.edge.EdgeRouting;
import org.opencpm.server.edge.Forwarder;
import org.opencpm.server.edge.LocationService;
import org.opencpm.server.pf.media.MediaPlane;
import org.opencpm.sip.transport.SipTransportLayer;
import org.opencpm.sip.transport.Target;

/**
 * What the Participating Function's procedures use: sending (transactions), the transport's own
 * addresses, routing knowledge and registrations (the SIP/IP core), the media plane, configuration
 * and the side-effect interfaces of storage and deferral. One instance per server, owned by the SIP
 * owner thread.
 *
 * @param core       where requests go "via the SIP/IP core": our own edge in the embedded deployment
 * @param isf        the ISF, if configured (requests for non-SIP/TEL targets and interworking)
 * @param history    the conversation-history hook (Record CPM Conversation History, §8.5)
 */
public record PfServices(Forwarder sender, SipTransportLayer transport, Scheduler scheduler, EdgeRouting routing,
                         LocationService locations, MediaPlane media, ParticipatingFunctionConfig config,
                         UsersConfig users, String domain, Target core, Target isf, SessionHistory history,
                         List<String> allowedMedia) {

    public String serverToken() {
        return "OpenCPM " + config.profile().serverToken();
    }

    /** The User-Agent the PF puts in requests it originates (PF-O-INV-06, Appendix D). */
    public String userAgent() {
        return config.profile().serverToken() + " OpenCPM/0.1";
    }
}
