package org.opencpm.server.pf.imdn;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.opencpm.msrp.imdn.ImdnDocument;
import org.opencpm.server.edge.Binding;
import org.opencpm.server.edge.NextHop;
import org.opencpm.server.pf.CpmFeatureTags;
import org.opencpm.server.pf.PfServices;
import org.opencpm.server.pf.pager.BestResponse;
import org.opencpm.server.pf.pager.PagerRequests;
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
 * §8.3.5 Delivery of Disposition Notifications (seed 001, Change 3), for a notification that passed §8.3.4:
 * <ol>
 * <li>the served user's available clients: every current registration with a CPM ICSI (a notification can
 *     be about a standalone message, a chat message or a file transfer, so any CPM service will do);</li>
 * <li>none, or every delivery attempt found the client unavailable (408, 480, 503 or no answer) → "SHALL
 *     proceed with deferring the disposition notification, following procedures described in sect. 8.3.1.6"
 *     ({@link NotificationDeferral}, PF-IMDN-TD-01): the sender gets 202 when it was deferred;</li>
 * <li>else the MESSAGE goes to all of them in parallel; the sender gets 200 on the first 2xx, else the best
 *     error (RFC 3261 §16.7);</li>
 * <li>delivered to at least one client and the user allows offline storage (PF-IMDN-TD-04/05, AMB-22) →
 *     each document is stored in the folder of the original message it is about (PF-IMDN-TD-06,
 *     {@code SessionHistory#notificationDelivered}); never before a successful delivery.</li>
 * </ol>
 */
public final class NotificationDelivery {

    private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);

    /** Failures that mean "the client is not available" rather than "the client refuses" (TD-01). */
    private static final Set<Integer> UNAVAILABLE = Set.of(408, 480, 503);

    private final PfServices pf;
    private final ImdnObserver observer;
    private NotificationDeferral deferral = NotificationDeferral.REJECT;

    NotificationDelivery(PfServices pf, ImdnObserver observer) {
        this.pf = pf;
        this.observer = observer;
    }

    void setDeferral(NotificationDeferral deferral) {
        this.deferral = deferral;
    }

    /**
     * Delivers {@code body} (what §8.3.4 left to forward of {@code received}) for {@code message}, answering its
     * sender. The MESSAGE keeps its body as received unless documents were left out.
     */
    void deliver(ServerTransaction tx, SipRequest message, SipUri servedUser, NotificationBody received,
                 NotificationBody body) {
        SipRequest onward = message;
        if (body != received) {
            onward = message.toBuilder().body(NotificationBody.CPIM, body.cpim().toBytes()).build();
        }
        // step 1: the available clients
        List<NextHop> clients = new ArrayList<>();
        for (Binding b : pf.locations().lookup(servedUser)) {
            if (anyCpmService(b)) {
                NextHop hop = pf.routing().direct(b.contactUri());
                if (hop != null) {
                    clients.add(new NextHop(hop.target(), hop.flow(), b.contactUri()));
                }
            }
        }
        if (clients.isEmpty()) {
            defer(tx, onward, servedUser, body, null);
            return;
        }
        // step 3: every client in parallel
        new Branches(tx, onward, servedUser, body, clients.size()).start(clients);
    }

    private static boolean anyCpmService(Binding b) {
        for (CpmFeatureTags t : CpmFeatureTags.values()) {
            if (t.inFeatureParams(b.featureTags())) {
                return true;
            }
        }
        return false;
    }

    /** Step 2 (PF-IMDN-TD-01): hand the notification to the deferral of standalone messages. */
    private void defer(ServerTransaction tx, SipRequest message, SipUri servedUser, NotificationBody body,
                       SipResponse.Builder otherwise) {
        deferral.defer(servedUser, message, body.cpim(), result -> {
            if (result instanceof NotificationDeferral.Result.Deferred) {
                body.documents().forEach(d -> observer.decided(servedUser,
                        new ImdnOutcome.Deferred(d.messageId(), ForwardingRules.of(d.type()))));
                log.info("{} for {}: no available client; notification deferred (PF-IMDN-TD-01), answered 202",
                        message.summary(), servedUser);
                answer(tx, PagerRequests.own(message.createResponse(202).toBuilder(), message, pf));
            } else {
                NotificationDeferral.Result.Rejected r = (NotificationDeferral.Result.Rejected) result;
                log.info("{} for {}: no available client and not deferred; answered {}", message.summary(), servedUser,
                        otherwise != null ? "the clients' answer" : r.rejection().status());
                answer(tx, otherwise != null ? PagerRequests.own(otherwise, message, pf)
                        : PagerRequests.own(message.createResponse(r.rejection().status(), r.rejection().reason())
                                .toBuilder(), message, pf));
            }
        });
    }

    /** Step 4 (PF-IMDN-TD-05/06): store after a successful delivery, next to each original message. */
    private void stored(SipUri servedUser, NotificationBody body) {
        if (!pf.users().preferencesOf(servedUser.toString()).allowOfflineStorage()) {
            return;
        }
        for (ImdnDocument d : body.documents()) {
            pf.history().notificationDelivered(servedUser, d.messageId(), body.only(List.of(d)).cpim());
        }
    }

    private static void answer(ServerTransaction tx, SipResponse response) {
        if (!tx.isTerminated()) {
            tx.respond(response);
        }
    }

    /** The parallel branches of one notification and the single answer to its sender. */
    private final class Branches implements ClientTransactionListener {

        private final ServerTransaction tx;
        private final SipRequest message;
        private final SipUri servedUser;
        private final NotificationBody body;
        private final BestResponse best = new BestResponse();
        private int pending;
        private boolean answered;
        private boolean allUnavailable = true;

        Branches(ServerTransaction tx, SipRequest message, SipUri servedUser, NotificationBody body, int branches) {
            this.tx = tx;
            this.message = message;
            this.servedUser = servedUser;
            this.body = body;
            this.pending = branches;
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
                    answered = true;
                    answer(tx, PagerRequests.own(message.createResponse(200).toBuilder(), message, pf));
                    stored(servedUser, body);
                }
                return;
            }
            allUnavailable &= UNAVAILABLE.contains(response.status());
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
            if (pending > 0 || answered) {
                return;
            }
            answered = true;
            if (allUnavailable) {
                // the clients are registered but not reachable: "the receiving CPM Client is not available"
                defer(tx, message, servedUser, body, best.responseTo(message));
            } else {
                answer(tx, PagerRequests.own(best.responseTo(message), message, pf));
            }
        }
    }
}
