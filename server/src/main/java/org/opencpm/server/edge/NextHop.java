package org.opencpm.server.edge;

import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.Target;

/**
 * Where a request goes next: an open flow to a registered client (preferred), or a target to
 * connect to; for a registered contact, also the contact URI that becomes the Request-URI
 * (RFC 3261 §16.6 step 2).
 *
 * @param flow       the flow the client registered on, or null
 * @param contactUri the registered contact, or null when the hop is not a user's contact
 */
public record NextHop(Target target, Flow flow, SipUri contactUri) {

    public static NextHop of(Target target) {
        return new NextHop(target, null, null);
    }

    /** The flow if it is still open, else null. */
    public Flow usableFlow() {
        return flow != null && flow.isOpen() ? flow : null;
    }
}
