package org.opencpm.server.pf.pager;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.cpim.CpimParseException;
import org.opencpm.server.config.UserPreferences;
import org.opencpm.server.edge.Binding;
import org.opencpm.server.edge.NextHop;
import org.opencpm.server.pf.CpmFeatureTags;
import org.opencpm.server.pf.PfServices;
import org.opencpm.server.pf.checks.AdmissionChain;
import org.opencpm.server.pf.checks.BlacklistCheck;
import org.opencpm.server.pf.checks.Rejection;
import org.opencpm.sip.message.HeaderNames;
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
 * §8.3.1.1 Handle a Pager Mode CPM Standalone Message, terminating PF (reached by PF-T-DSP-01):
 * <ol>
 * <li>the authenticated originator is on the served user's blacklist → 403 "122 Function not allowed";</li>
 * <li>the body must be CPIM (415 otherwise, 400 "Bad CPIM: …" when it does not parse);</li>
 * <li>suitable clients (AMB-02 with the {@code msg} ICSI: a current registration whose feature tags carry
 *     {@code oma.cpm.msg});</li>
 * <li>none → the {@link DeferralDecision} (today 480; issue 6: defer and answer 202, §8.3.1.6);</li>
 * <li>else direct delivery to all of them in parallel, each in its own client transaction with the
 *     contact as Request-URI; the sender gets the first 2xx's status (200, or 202 when the client
 *     accepted for later), or, when every branch failed, the best error (RFC 3261 §16.7 step 6).</li>
 * </ol>
 * A MESSAGE cannot be cancelled (RFC 3261 §9): the branches still running after the first 2xx are left
 * to complete and their answers dropped.
 */
public final class TerminatingPagerMessage {

    private static final Logger log = LoggerFactory.getLogger(TerminatingPagerMessage.class);

    private final PfServices pf;
    private DeferralDecision deferral = DeferralDecision.REJECT;
    private org.opencpm.server.pf.imdn.OnBehalfNotification onBehalf;

    public TerminatingPagerMessage(PfServices pf) {
        this.pf = pf;
    }

    /** Installs the deferral feature (issue 6); the default rejects with 480. */
    public void setDeferralDecision(DeferralDecision deferral) {
        this.deferral = deferral;
    }

    /** The on-behalf notifications of §8.2.5 (PF-IMDN-OB-01/02), sent when delivery fails or reaches a legacy client. */
    public void setOnBehalf(org.opencpm.server.pf.imdn.OnBehalfNotification onBehalf) {
        this.onBehalf = onBehalf;
    }

    public PagerOutcome handle(ServerTransaction tx, SipRequest message, SipUri servedUser) {
        // steps 1-2: blacklist, then the body
        UserPreferences prefs = pf.users().preferencesOf(servedUser.toString());
        Optional<Rejection> rejected = new AdmissionChain(List.of(new BlacklistCheck(prefs), new CpimBodyCheck()))
                .run(message);
        if (rejected.isPresent()) {
            return new PagerOutcome.Rejected(rejected.get());
        }
        // step 3: suitable clients (AMB-02, msg ICSI)
        List<NextHop> suitable = new ArrayList<>();
        for (Binding b : pf.locations().lookup(servedUser)) {
            if (CpmFeatureTags.MSG.inFeatureParams(b.featureTags())) {
                NextHop hop = pf.routing().direct(b.contactUri());
                if (hop != null) {
                    suitable.add(new NextHop(hop.target(), hop.flow(), b.contactUri()));
                }
            }
        }
        // step 4: nobody to deliver to now
        if (suitable.isEmpty()) {
            return noSuitableClient(tx, message, servedUser);
        }
        // step 5: direct delivery to every suitable client, in parallel
        new Delivery(tx, message, suitable.size(), servedUser).start(suitable);
        return new PagerOutcome.Forwarded(suitable.size());
    }

    private PagerOutcome noSuitableClient(ServerTransaction tx, SipRequest message, SipUri servedUser) {
        CpimMessage cpim;
        try {
            cpim = CpimBodyCheck.parse(message);
        } catch (CpimParseException e) {
            throw new IllegalStateException("CPIM body checked in step 2", e);
        }
        DeferralDecision.Decision d = deferral.noSuitableClient(servedUser, message, cpim);
        if (d instanceof DeferralDecision.Decision.Reject r) {
            log.info("{} for {}: no suitable client; rejected {}", message.summary(), servedUser, r.rejection().status());
            return new PagerOutcome.Rejected(r.rejection());
        }
        log.info("{} for {}: no suitable client; deferred, answered 202", message.summary(), servedUser);
        tx.respond(PagerRequests.own(message.createResponse(202).toBuilder(), message, pf));
        return new PagerOutcome.Deferred();
    }

    /** The parallel branches of one MESSAGE and the single answer to its sender. */
    private final class Delivery implements ClientTransactionListener {

        private final ServerTransaction tx;
        private final SipRequest message;
        private final BestResponse best = new BestResponse();
        private final SipUri servedUser;
        private int pending;
        private boolean answered;

        Delivery(ServerTransaction tx, SipRequest message, int branches, SipUri servedUser) {
            this.tx = tx;
            this.message = message;
            this.pending = branches;
            this.servedUser = servedUser;
        }

        /** §8.2.5 on the served user's behalf: case 1 (failed) or case 2 (a client without IMDN support). */
        private void onBehalf(boolean delivered, SipResponse response) {
            if (onBehalf == null) {
                return;
            }
            CpimMessage cpim;
            try {
                cpim = CpimBodyCheck.parse(message);
            } catch (CpimParseException e) {
                return;
            }
            String sender = org.opencpm.server.pf.imdn.NotificationBody.sipIdentity(message);
            String conversation = message.header(HeaderNames.CONVERSATION_ID);
            if (delivered) {
                String ua = response.header(HeaderNames.USER_AGENT) != null ? response.header(HeaderNames.USER_AGENT)
                        : response.header(HeaderNames.SERVER);
                onBehalf.deliveredToClient(servedUser, cpim, sender, conversation, ua);
            } else {
                onBehalf.deliveryFailed(servedUser, cpim, sender, conversation);
            }
        }

        void start(List<NextHop> hops) {
            for (NextHop hop : hops) {
                SipRequest out = PagerRequests.onward(message, hop.contactUri(), null);
                if (hop.usableFlow() != null) {
                    pf.sender().sendRequest(out, hop.usableFlow(), this);
                } else {
                    pf.sender().sendRequest(out, hop.target(), this);
                }
            }
        }

        @Override
        public void onFinalResponse(ClientTransaction ct, SipResponse response) {
            pending--;
            if (response.isSuccess()) {
                if (!answered) {
                    // the first 2xx: 202 when the client accepted it for later, else 200
                    answered = true;
                    int status = response.status() == 202 ? 202 : 200;
                    answer(PagerRequests.own(message.createResponse(status).toBuilder(), message, pf));
                    onBehalf(true, response);
                }
                return;
            }
            best.consider(response);
            finishIfAllFailed();
        }

        @Override
        public void onFailure(ClientTransaction ct, TransactionFailure failure) {
            pending--;
            best.consider(ct.request().createResponse(failure.asStatus()));
            finishIfAllFailed();
        }

        private void finishIfAllFailed() {
            if (pending == 0 && !answered) {
                answered = true;
                answer(PagerRequests.own(best.responseTo(message), message, pf));
                onBehalf(false, null);
            }
        }

        private void answer(SipResponse response) {
            if (!tx.isTerminated()) {
                tx.respond(response);
            }
            log.debug("{} answered {}", message.summary(), response.status());
        }
    }
}
