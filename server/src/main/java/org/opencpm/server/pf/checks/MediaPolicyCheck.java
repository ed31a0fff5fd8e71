package org.opencpm.server.pf.checks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opencpm.server.pf.media.Sdp;
import org.opencpm.sip.message.SipRequest;

/**
 * §8.3.2.1 step 5 (PF-T-INV-05): the SDP media types must conform to the SP policy
 * ({@code allowed-media}), else 488. An offer that is not SDP at all, or lacks the MSRP media a CPM
 * Session needs, is answered 400 or 488 naming the fault, and leaves no state.
 */
public record MediaPolicyCheck(List<String> allowedMedia, String requirement) implements AdmissionCheck {

    @Override
    public Optional<Rejection> check(SipRequest request) {
        String ct = request.contentType();
        if (ct == null || !ct.toLowerCase(Locale.ROOT).startsWith("application/sdp")) {
            return Optional.of(Rejection.of(488, "SDP offer required"));
        }
        Sdp sdp;
        try {
            sdp = Sdp.parse(request.bodyAsString());
        } catch (IllegalArgumentException e) {
            return Optional.of(Rejection.of(400, "Bad SDP: " + e.getMessage()));
        }
        for (String type : sdp.mediaTypes()) {
            if (allowedMedia.stream().noneMatch(a -> a.equalsIgnoreCase(type))) {
                return Optional.of(Rejection.of(488, "Media '" + type + "' not allowed"));
            }
        }
        if (sdp.msrpSection() == null) {
            return Optional.of(Rejection.of(488, "No MSRP media"));
        }
        return Optional.empty();
    }
}
