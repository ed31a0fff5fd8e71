package org.opencpm.server.pf;

import java.util.List;
import java.util.Optional;
import org.opencpm.server.edge.NextHop;
import org.opencpm.server.pf.checks.AdmissionChain;
import org.opencpm.server.pf.checks.AnonymityCheck;
import org.opencpm.server.pf.checks.ClientReleaseCheck;
import org.opencpm.server.pf.checks.Rejection;
import org.opencpm.server.pf.checks.ServiceAuthorisationCheck;
import org.opencpm.server.pf.session.InvitationOutcome;
import org.opencpm.server.pf.session.Role;
import org.opencpm.server.pf.session.SessionFactory;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.message.TelUri;
import org.opencpm.sip.transaction.ServerTransaction;

/**
 * §8.2.2.1 Handle a CPM Session Invitation, originating PF, B2BUA mode:
 * <ol>
 * <li>the originator must be allowed to originate (PF-O-INV-01: 403 "127 Service not authorised");</li>
 * <li>a required client release must match the User-Agent (PF-O-INV-02: 403 "132 Version not supported");</li>
 * <li>anonymity requested and not allowed (PF-O-INV-03: 403 "119 Anonymity not allowed"); the first failing
 *     check is the only response (PF-O-INV-04);</li>
 * <li>a new INVITE (PF-O-INV-05…08) goes to the ISF when the destination is neither a SIP nor a TEL URI,
 *     else via the SIP/IP core (PF-O-INV-09).</li>
 * </ol>
 * The 2xx, error and ACK steps (PF-O-INV-12…22) run in the session ({@code CpmSession}).
 */
final class OriginatingInvitation {

    private final PfServices pf;
    private final SessionFactory sessions;

    OriginatingInvitation(PfServices pf, SessionFactory sessions) {
        this.pf = pf;
        this.sessions = sessions;
    }

    InvitationOutcome handle(ServerTransaction tx, SipRequest invite, SipUri servedUser) {
        // §8.2.2.1 steps 1-3 (PF-O-INV-01…04)
        AdmissionChain chain = new AdmissionChain(List.of(
                new ServiceAuthorisationCheck(servedUser, pf.users()),
                new ClientReleaseCheck(pf.config().requiredClientVersions(), "PF-O-INV-02"),
                new AnonymityCheck(pf.config().allowAnonymity(), "PF-O-INV-03")));
        Optional<Rejection> rejected = chain.run(invite).or(() -> sessions.validate(invite));
        if (rejected.isPresent()) {
            return new InvitationOutcome.Rejected(rejected.get());
        }
        // §8.2.2.1 step 4.h (PF-O-INV-09): non-SIP/TEL destinations go straight to the ISF
        NextHop hop;
        if (invite.requestUri() instanceof SipUri || invite.requestUri() instanceof TelUri) {
            hop = NextHop.of(pf.core());
        } else if (pf.isf() != null) {
            hop = NextHop.of(pf.isf());
        } else {
            return new InvitationOutcome.Rejected(Rejection.of(404, "No interworking function for "
                    + invite.requestUri().scheme() + " URIs"));
        }
        return new InvitationOutcome.Started(sessions.start(Role.ORIGINATING, servedUser, tx, List.of(hop),
                servedUser.toString()));
    }
}
