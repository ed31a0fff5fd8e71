package org.opencpm.server.pf.pager;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
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
 * <li>none → the {@link DeferralDecision}, which completes later (a durable store commits on its own thread):
 *     202 once the message is stored (§8.3.1.6), or its rejection (default 480); answered on the SIP thread;</li>
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
        List<NextHop> suitable = suitableClients(servedUser);
        // step 4: nobody to deliver to now
        if (suitable.isEmpty()) {
            return noSuitableClient(tx, message, servedUser);
        }
        // step 5: direct delivery to every suitable client, in parallel
        new Delivery(message, suitable.size(), response -> answer(tx, message, response), servedUser, true)
                .start(suitable);
        return new PagerOutcome.Forwarded(suitable.size());
    }

    /**
     * Steps 3 and 5 alone, for a message the PF sends itself (a deferred message on the user's return,
     * §8.3.1.6): the MESSAGE goes to every suitable client of {@code servedUser} in parallel and
     * {@code onFinal} hears the status the sender would have got (the first 2xx, else the best error;
     * 480 at once when no suitable client is registered). Never defers. Runs on the SIP owner thread.
     */
    public void deliver(SipUri servedUser, SipRequest message, IntConsumer onFinal) {
        List<NextHop> suitable = suitableClients(servedUser);
        if (suitable.isEmpty()) {
            onFinal.accept(480);
            return;
        }
        new Delivery(message, suitable.size(), response -> onFinal.accept(response.status()), servedUser, false)
                .start(suitable);
    }

    private List<NextHop> suitableClients(SipUri servedUser) {
        List<NextHop> suitable = new ArrayList<>();
        for (Binding b : pf.locations().lookup(servedUser)) {
            if (CpmFeatureTags.MSG.inFeatureParams(b.featureTags())) {
                NextHop hop = pf.routing().direct(b.contactUri());
                if (hop != null) {
                    suitable.add(new NextHop(hop.target(), hop.flow(), b.contactUri()));
                }
            }
        }
        return suitable;
    }

    private PagerOutcome noSuitableClient(ServerTransaction tx, SipRequest message, SipUri servedUser) {
        CpimMessage cpim;
        try {
            cpim = CpimBodyCheck.parse(message);
        } catch (CpimParseException e) {
            throw new IllegalStateException("CPIM body checked in step 2", e);
        }
        CompletionStage<DeferralDecision.Decision> decision;
        try {
            decision = deferral.noSuitableClient(servedUser, message, cpim);
        } catch (RuntimeException e) {
            decision = CompletableFuture.failedFuture(e);
        }
        decision.whenComplete((d, failure) -> onOwnerThread(() -> decided(tx, message, servedUser, d, failure)));
        return new PagerOutcome.AwaitingDeferral();
    }

    /** Step 4's answer, once the deferral has decided (202 only when the message is durable). */
    private void decided(ServerTransaction tx, SipRequest message, SipUri servedUser, DeferralDecision.Decision d,
                         Throwable failure) {
        if (failure != null) {
            log.error("{} for {}: no suitable client and the deferral failed ({}); answered 500, the message is not "
                    + "stored", message.summary(), servedUser, failure.toString());
            answer(tx, message, PagerRequests.own(message.createResponse(500, "Deferred storage failed").toBuilder(),
                    message, pf));
        } else if (d instanceof DeferralDecision.Decision.Reject r) {
            log.info("{} for {}: no suitable client; rejected {}", message.summary(), servedUser, r.rejection().status());
            SipResponse.Builder b = message.createResponse(r.rejection().status(), r.rejection().reason()).toBuilder();
            if (r.rejection().warningText() != null) {
                b.add(HeaderNames.WARNING, "399 " + pf.domain() + " \"" + r.rejection().warningText() + "\"");
            }
            answer(tx, message, PagerRequests.own(b, message, pf));
        } else {
            log.debug("{} for {}: no suitable client; deferred, answered 202", message.summary(), servedUser);
            answer(tx, message, PagerRequests.own(message.createResponse(202).toBuilder(), message, pf));
        }
    }

    private void onOwnerThread(Runnable task) {
        if (pf.scheduler().inOwnerThread()) {
            task.run();
        } else {
            pf.scheduler().execute(task);
        }
    }

    private static void answer(ServerTransaction tx, SipRequest message, SipResponse response) {
        if (!tx.isTerminated()) {
            tx.respond(response);
        }
        log.debug("{} answered {}", message.summary(), response.status());
    }

    /** The parallel branches of one MESSAGE and the single answer to its sender. */
    private final class Delivery implements ClientTransactionListener {

        private final SipRequest message;
        private final Consumer<SipResponse> answer;
        private final BestResponse best = new BestResponse();
        private final SipUri servedUser;
        private final boolean live;
        private int pending;
        private boolean answered;

        Delivery(SipRequest message, int branches, Consumer<SipResponse> answer, SipUri servedUser, boolean live) {
            this.message = message;
            this.answer = answer;
            this.pending = branches;
            this.servedUser = servedUser;
            this.live = live;
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
                    answer.accept(PagerRequests.own(message.createResponse(status).toBuilder(), message, pf));
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
                answer.accept(PagerRequests.own(best.responseTo(message), message, pf));
                if (live) {
                    onBehalf(false, null); // a redelivery that fails is retried by the deferral, not reported
                }
            }
        }
    }
}
