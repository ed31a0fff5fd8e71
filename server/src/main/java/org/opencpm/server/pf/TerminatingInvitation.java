package org.opencpm.server.pf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencpm.server.config.ParticipatingFunctionConfig;
import org.opencpm.server.config.UserPreferences;
import org.opencpm.server.edge.Binding;
import org.opencpm.server.edge.NextHop;
import org.opencpm.server.pf.checks.AdmissionChain;
import org.opencpm.server.pf.checks.AnonymityCheck;
import org.opencpm.server.pf.checks.BlacklistCheck;
import org.opencpm.server.pf.checks.ClientReleaseCheck;
import org.opencpm.server.pf.checks.DoNotDisturbCheck;
import org.opencpm.server.pf.checks.Identities;
import org.opencpm.server.pf.checks.MediaPolicyCheck;
import org.opencpm.server.pf.checks.Rejection;
import org.opencpm.server.pf.session.InvitationOutcome;
import org.opencpm.server.pf.session.Role;
import org.opencpm.server.pf.session.SessionFactory;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transaction.ServerTransaction;

/**
 * §8.3.2.1 Handle a CPM Session Invitation, terminating PF, B2BUA mode:
 * <ol>
 * <li>client release (PF-T-INV-01), anonymity (PF-T-INV-02), blacklist (PF-T-INV-03: 403 "122 Function not
 *     allowed"), do-not-disturb (PF-T-INV-04: 480), media policy (PF-T-INV-05: 488), in that order (PF-T-INV-07);</li>
 * <li>suitable registered clients (AMB-02: a current registration whose feature tags carry the CPM session
 *     ICSI); none → 480 or the ISF by policy (PF-T-INV-06, PF-T-INV-13/14);</li>
 * <li>a new INVITE (PF-T-INV-08) with a Reject-Contact value per unsuitable instance (PF-T-INV-11) and
 *     Request-Disposition fork, parallel (PF-T-INV-12), forked to the suitable clients: the embedded core's
 *     forking is done here, one branch per client.</li>
 * </ol>
 */
final class TerminatingInvitation {

    private final PfServices pf;
    private final SessionFactory sessions;

    TerminatingInvitation(PfServices pf, SessionFactory sessions) {
        this.pf = pf;
        this.sessions = sessions;
    }

    InvitationOutcome handle(ServerTransaction tx, SipRequest invite, SipUri servedUser) {
        UserPreferences prefs = pf.users().preferencesOf(servedUser.toString());
        AdmissionChain chain = new AdmissionChain(List.of(
                new ClientReleaseCheck(pf.config().requiredClientVersions(), "PF-T-INV-01"),
                new AnonymityCheck(pf.config().allowAnonymity(), "PF-T-INV-02"),
                new BlacklistCheck(prefs),
                new DoNotDisturbCheck(prefs),
                new MediaPolicyCheck(pf.allowedMedia(), "PF-T-INV-05")));
        Optional<Rejection> rejected = chain.run(invite).or(() -> sessions.validate(invite));
        if (rejected.isPresent()) {
            return new InvitationOutcome.Rejected(rejected.get());
        }
        // §8.3.2.1 step 6 / 7.c.v: suitable clients (AMB-02)
        List<NextHop> suitable = new ArrayList<>();
        List<String> rejectContacts = new ArrayList<>();
        for (Binding b : pf.locations().lookup(servedUser)) {
            if (CpmFeatureTags.SESSION.inFeatureParams(b.featureTags())) {
                NextHop hop = pf.routing().direct(b.contactUri());
                if (hop != null) {
                    suitable.add(new NextHop(hop.target(), hop.flow(), b.contactUri()));
                }
            } else if (b.instanceId() != null) {
                rejectContacts.add("*;+sip.instance=\"" + b.instanceId().replace("\"", "") + "\"");
            }
        }
        if (suitable.isEmpty()) {
            // PF-T-INV-06: by policy, reject (480) or interwork (the ISF)
            if (pf.config().noSuitableClient() == ParticipatingFunctionConfig.NoSuitableClient.INTERWORK && pf.isf() != null) {
                return new InvitationOutcome.Started(sessions.start(Role.TERMINATING, servedUser, tx,
                        List.of(NextHop.of(pf.isf())), Identities.originator(invite).toString()));
            }
            return new InvitationOutcome.Rejected(Rejection.of(480, "Temporarily Unavailable"));
        }
        List<String> extra = new ArrayList<>();
        for (String rc : rejectContacts) {
            extra.add(HeaderNames.REJECT_CONTACT);
            extra.add(rc);
        }
        extra.add(HeaderNames.REQUEST_DISPOSITION);
        extra.add("fork, parallel");
        return new InvitationOutcome.Started(sessions.start(Role.TERMINATING, servedUser, tx, suitable,
                Identities.originator(invite).toString(), extra.toArray(String[]::new)));
    }
}
