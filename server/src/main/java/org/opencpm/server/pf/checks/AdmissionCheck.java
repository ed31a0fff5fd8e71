package org.opencpm.server.pf.checks;

import java.util.Optional;
import org.opencpm.sip.message.SipRequest;

/**
 * One admission step of a PF procedure (e.g. §8.2.2.1 steps 1-3, §8.3.2.1 steps 1-6): looks at the
 * request and either lets it continue or rejects it.
 */
public interface AdmissionCheck {

    /** The requirement ID(s) this check implements, for logs. */
    String requirement();

    /** Empty to continue; a rejection ends the procedure with that response. */
    Optional<Rejection> check(SipRequest request);
}
