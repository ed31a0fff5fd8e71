package org.opencpm.server.deferral;

import org.opencpm.sip.message.SipUri;

/**
 * "The served user may be reachable again": starts delivery of what was deferred for them (§8.3.1.6,
 * PF-T-DEF-06 trigger A). The embedded registrar calls it through {@link DeferredMessages} as a
 * {@link org.opencpm.server.edge.RegistrationListener}; an IMS deployment calls it on a third-party
 * REGISTER. Called on the SIP owner thread; returns at once. Calling it while a delivery for the same
 * user runs makes that delivery look again when it ends.
 */
@FunctionalInterface
public interface DeliveryTrigger {

    void clientAvailable(SipUri servedUser);
}
