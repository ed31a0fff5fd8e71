package org.opencpm.server.pf.checks;

import java.util.Optional;
import org.opencpm.server.config.UserPreferences;
import org.opencpm.sip.message.SipRequest;

/**
 * §8.3.2.1 step 3 (PF-T-INV-03): the authenticated originator is on the served user's chat
 * blacklist → 403 with "122 Function not allowed".
 */
public record BlacklistCheck(UserPreferences preferences) implements AdmissionCheck {

    @Override
    public String requirement() {
        return "PF-T-INV-03";
    }

    @Override
    public Optional<Rejection> check(SipRequest request) {
        String originator = Identities.aorString(Identities.originator(request));
        return preferences.isBlacklisted(originator) ? Optional.of(Rejection.forbidden("122 Function not allowed"))
                : Optional.empty();
    }
}
