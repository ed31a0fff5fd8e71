package org.opencpm.server.pf.imdn;

import org.opencpm.sip.message.SipUri;

/**
 * Hears the final decision for each disposition notification, on the SIP owner thread: a metric or a test's
 * recorder. Must be quick and must not throw.
 */
@FunctionalInterface
public interface ImdnObserver {

    ImdnObserver NONE = (user, outcome) -> { };

    void decided(SipUri servedUser, ImdnOutcome outcome);
}
