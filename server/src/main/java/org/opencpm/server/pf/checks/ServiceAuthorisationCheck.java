package org.opencpm.server.pf.checks;

import java.util.Optional;
import org.opencpm.server.config.UsersConfig;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipUri;

/**
 * §8.2.2.1 step 1 (PF-O-INV-01): the authenticated originator must be allowed to originate the
 * session, else 403 with "127 Service not authorised".
 */
public record ServiceAuthorisationCheck(SipUri servedUser, UsersConfig users) implements AdmissionCheck {

    @Override
    public String requirement() {
        return "PF-O-INV-01";
    }

    @Override
    public Optional<Rejection> check(SipRequest request) {
        return users.isAuthorized(servedUser.toString()) ? Optional.empty()
                : Optional.of(Rejection.forbidden("127 Service not authorised"));
    }
}
