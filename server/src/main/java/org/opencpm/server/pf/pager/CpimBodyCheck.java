package org.opencpm.server.pf.pager;

import java.util.Locale;
import java.util.Optional;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.cpim.CpimParseException;
import org.opencpm.server.pf.checks.AdmissionCheck;
import org.opencpm.server.pf.checks.Rejection;
import org.opencpm.sip.message.SipRequest;

/**
 * A pager-mode CPM Standalone Message carries its content in a {@code message/cpim} body (reference.md
 * §8, RFC 3862): any other body → 415, a body the CPIM parser refuses → 400 "Bad CPIM: &lt;cause&gt;".
 * Runs after the policy checks, so a forbidden sender learns nothing about the body.
 */
public final class CpimBodyCheck implements AdmissionCheck {

    static final String CPIM = "message/cpim";

    @Override
    public String requirement() {
        return "§8.3.1.1 (CPIM body)";
    }

    @Override
    public Optional<Rejection> check(SipRequest request) {
        if (!isCpim(request)) {
            return Optional.of(Rejection.of(415, "Unsupported Media Type: message/cpim required"));
        }
        try {
            parse(request);
            return Optional.empty();
        } catch (CpimParseException e) {
            return Optional.of(Rejection.of(400, "Bad CPIM: " + e.getMessage()));
        }
    }

    static boolean isCpim(SipRequest request) {
        String ct = request.contentType();
        return ct != null && ct.trim().toLowerCase(Locale.ROOT).startsWith(CPIM);
    }

    static CpimMessage parse(SipRequest request) throws CpimParseException {
        return CpimMessage.parse(request.body());
    }
}
