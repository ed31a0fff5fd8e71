package org.opencpm.server.pf.pager;

import java.util.List;
import java.util.Optional;
import org.opencpm.server.pf.PfServices;
import org.opencpm.server.pf.checks.AdmissionChain;
import org.opencpm.server.pf.checks.AnonymityCheck;
import org.opencpm.server.pf.checks.ClientReleaseCheck;
import org.opencpm.server.pf.checks.Rejection;
import org.opencpm.server.pf.checks.ServiceAuthorisationCheck;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transaction.ClientTransaction;
import org.opencpm.sip.transaction.ClientTransactionListener;
import org.opencpm.sip.transaction.ServerTransaction;
import org.opencpm.sip.transaction.TransactionFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * §8.2.1.1 Handle a Pager Mode CPM Standalone Message, originating PF: a SIP MESSAGE with a CPIM body
 * from a registered client of the served user.
 * <ol>
 * <li>the same admission steps as the invitation, in its order: service authorisation (403 "127 Service
 *     not authorised"), client release (403 "132 Version not supported"), anonymity (403 "119 Anonymity
 *     not allowed"); the first failing check is the only response;</li>
 * <li>the body must be CPIM (415 otherwise, 400 "Bad CPIM: …" when it does not parse);</li>
 * <li>the MESSAGE goes via the SIP/IP core ({@code pf.core()}) in a new client transaction, with
 *     P-Asserted-Identity the served user and the CPM headers, Accept-Contact and body as received;</li>
 * <li>the final response (or the transaction's 408/503 as 408/500) is returned to the client.</li>
 * </ol>
 * Provisional responses are not relayed: a non-INVITE UAS need not send any (RFC 3261 §17.2.2).
 */
public final class OriginatingPagerMessage {

    private static final Logger log = LoggerFactory.getLogger(OriginatingPagerMessage.class);

    private final PfServices pf;

    public OriginatingPagerMessage(PfServices pf) {
        this.pf = pf;
    }

    public PagerOutcome handle(ServerTransaction tx, SipRequest message, SipUri servedUser) {
        // step 1: admission as §8.2.2.1 steps 1-3 (PF-O-INV-01…04 applied to pager mode); step 2: CPIM
        AdmissionChain admission = new AdmissionChain(List.of(
                new ServiceAuthorisationCheck(servedUser, pf.users()),
                new ClientReleaseCheck(pf.config().requiredClientVersions(), "§8.2.1.1 client release"),
                new AnonymityCheck(pf.config().allowAnonymity(), "§8.2.1.1 anonymity"),
                new CpimBodyCheck()));
        Optional<Rejection> rejected = admission.run(message);
        if (rejected.isPresent()) {
            return new PagerOutcome.Rejected(rejected.get());
        }
        // step 3: onward via the SIP/IP core, a new client transaction
        SipRequest out = PagerRequests.onward(message, null, servedUser.toString());
        pf.sender().sendRequest(out, pf.core(), new ClientTransactionListener() {
            @Override
            public void onFinalResponse(ClientTransaction ct, SipResponse response) {
                answer(tx, PagerRequests.relayed(message, response, pf));
            }

            @Override
            public void onFailure(ClientTransaction ct, TransactionFailure failure) {
                BestResponse best = new BestResponse();
                best.consider(out.createResponse(failure.asStatus()));
                answer(tx, PagerRequests.own(best.responseTo(message), message, pf));
            }
        });
        return new PagerOutcome.Forwarded(1);
    }

    private static void answer(ServerTransaction tx, SipResponse response) {
        // step 4: the client gets the final response
        if (!tx.isTerminated()) {
            tx.respond(response);
        }
        log.debug("{} answered {}", tx.request().summary(), response.status());
    }
}
