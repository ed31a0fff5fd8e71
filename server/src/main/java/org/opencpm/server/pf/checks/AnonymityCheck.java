package org.opencpm.server.pf.checks;

import java.util.Optional;
import org.opencpm.sip.message.SipRequest;

/**
 * §8.2.2.1 step 3 (PF-O-INV-03) and §8.3.2.1 step 2 (PF-T-INV-02): anonymity requested (AMB-29) while
 * the PF does not permit it → 403 with "119 Anonymity not allowed".
 */
public record AnonymityCheck(boolean allowAnonymity, String requirement) implements AdmissionCheck {

    @Override
    public Optional<Rejection> check(SipRequest request) {
        if (allowAnonymity || !Identities.anonymityRequested(request)) {
            return Optional.empty();
        }
        return Optional.of(Rejection.forbidden("119 Anonymity not allowed"));
    }
}
