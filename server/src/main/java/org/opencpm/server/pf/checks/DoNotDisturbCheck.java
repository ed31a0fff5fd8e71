package org.opencpm.server.pf.checks;

import java.util.Optional;
import org.opencpm.server.config.UserPreferences;
import org.opencpm.sip.message.SipRequest;

/** §8.3.2.1 step 4 (PF-T-INV-04): the served user set do-not-disturb → 480; no such rule → continue (AMB-24). */
public record DoNotDisturbCheck(UserPreferences preferences) implements AdmissionCheck {

    @Override
    public String requirement() {
        return "PF-T-INV-04";
    }

    @Override
    public Optional<Rejection> check(SipRequest request) {
        return preferences.doNotDisturb() ? Optional.of(Rejection.of(480, "Temporarily Unavailable")) : Optional.empty();
    }
}
