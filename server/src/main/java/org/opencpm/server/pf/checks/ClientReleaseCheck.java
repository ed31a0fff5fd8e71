package org.opencpm.server.pf.checks;

import java.util.List;
import java.util.Optional;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;

/**
 * §8.2.2.1 step 2 (PF-O-INV-02) and §8.3.2.1 step 1 (PF-T-INV-01): when the PF requires particular
 * client releases, the User-Agent must carry one of their tokens, else 403 with "132 Version not
 * supported". No requirement configured: the check is skipped.
 */
public record ClientReleaseCheck(List<String> requiredReleases, String requirement) implements AdmissionCheck {

    @Override
    public Optional<Rejection> check(SipRequest request) {
        if (requiredReleases.isEmpty()) {
            return Optional.empty();
        }
        String ua = request.header(HeaderNames.USER_AGENT);
        if (ua != null) {
            for (String token : requiredReleases) {
                if (ua.contains(token)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(Rejection.forbidden("132 Version not supported"));
    }
}
