package org.opencpm.server.pf.checks;

import java.util.List;
import java.util.Optional;
import org.opencpm.sip.message.SipRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs admission checks in the order the seed numbers them; the first rejection is the only response
 * (PF-O-INV-04, PF-T-INV-07: "otherwise continue").
 */
public final class AdmissionChain {

    private static final Logger log = LoggerFactory.getLogger(AdmissionChain.class);

    private final List<AdmissionCheck> checks;

    public AdmissionChain(List<AdmissionCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public Optional<Rejection> run(SipRequest request) {
        for (AdmissionCheck c : checks) {
            Optional<Rejection> r = c.check(request);
            if (r.isPresent()) {
                log.info("{} rejected by {} ({}): {} {}", request.summary(), c.getClass().getSimpleName(),
                        c.requirement(), r.get().status(), r.get().warningText() == null ? r.get().reason()
                                : r.get().warningText());
                return r;
            }
        }
        return Optional.empty();
    }
}
