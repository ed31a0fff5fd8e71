package org.opencpm.server.pf.imdn;

import java.util.List;
import java.util.Optional;
import org.opencpm.msrp.imdn.ImdnDocument;
import org.opencpm.server.pf.PfServices;
import org.opencpm.server.pf.checks.AdmissionChain;
import org.opencpm.server.pf.checks.AnonymityCheck;
import org.opencpm.server.pf.checks.ClientReleaseCheck;
import org.opencpm.server.pf.checks.Rejection;
import org.opencpm.server.pf.checks.ServiceAuthorisationCheck;
import org.opencpm.server.pf.pager.BestResponse;
import org.opencpm.server.pf.pager.PagerRequests;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transaction.ClientTransaction;
import org.opencpm.sip.transaction.ClientTransactionListener;
import org.opencpm.sip.transaction.ServerTransaction;
import org.opencpm.sip.transaction.TransactionFailure;
import org.opencpm.store.imdn.DispositionType;
import org.opencpm.store.imdn.ImdnKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * §8.2.4 Sending a Disposition Notification (seed 001, Change 4), pager mode: a SIP MESSAGE carrying a
 * disposition notification from a registered client of the served user — the served user reports on a
 * message it received.
 * <ol>
 * <li>admission as for a pager-mode message (§8.2.1.1: service authorisation, client release, anonymity);</li>
 * <li>"In case the message was delivered to multiple endpoints, a similar caching strategy will be followed
 *     as on the terminating side" (PF-IMDN-O-02, AMB-21): each document is checked against the cache keyed
 *     by the served user as recipient, so the second of two devices reporting "delivered" is not forwarded;</li>
 * <li>a read report sets {@code \Seen} on the stored message (PF-IMDN-O-03, {@code SessionHistory#messageDisplayed});</li>
 * <li>the notification is not stored (PF-IMDN-O-04: nothing but the flag reaches the history);</li>
 * <li>what remains is forwarded via the SIP/IP core to the original sender (PF-IMDN-O-01), its final response
 *     returned to the client; a notification with nothing left to forward is answered 200 by the PF.</li>
 * </ol>
 */
public final class OriginatingNotification {

    private static final Logger log = LoggerFactory.getLogger(OriginatingNotification.class);

    private final PfServices pf;
    private final Deduplication dedup;
    private final ImdnObserver observer;

    OriginatingNotification(PfServices pf, Deduplication dedup, ImdnObserver observer) {
        this.pf = pf;
        this.dedup = dedup;
        this.observer = observer;
    }

    /** Runs the procedure; a rejection is returned for the caller to answer, anything else answers itself. */
    public Optional<Rejection> handle(ServerTransaction tx, SipRequest message, SipUri servedUser, NotificationBody body) {
        // step 1: admission as for any pager-mode request of the served user
        Optional<Rejection> rejected = new AdmissionChain(List.of(
                new ServiceAuthorisationCheck(servedUser, pf.users()),
                new ClientReleaseCheck(pf.config().requiredClientVersions(), "§8.2.4 client release"),
                new AnonymityCheck(pf.config().allowAnonymity(), "§8.2.4 anonymity"))).run(message);
        if (rejected.isPresent()) {
            return rejected;
        }
        // step 2 (PF-IMDN-O-02): the served user is the recipient whose devices are de-duplicated
        String user = servedUser.toString();
        dedup.check(body.documents(), d -> new ImdnKey(user, ImdnKey.Direction.SENT, d.messageId(), user),
                verdicts -> decided(tx, message, servedUser, body, verdicts));
        return Optional.empty();
    }

    private void decided(ServerTransaction tx, SipRequest message, SipUri servedUser, NotificationBody body,
                         List<Deduplication.Verdict> verdicts) {
        for (Deduplication.Verdict v : verdicts) {
            if (v.forward()) {
                observer.decided(servedUser, new ImdnOutcome.Forwarded(v.document().messageId(), v.type()));
                if (v.type() == DispositionType.DISPLAY) {
                    // step 3 (PF-IMDN-O-03): "SHOULD set the \Seen flag for that CPM Message object"
                    pf.history().messageDisplayed(servedUser, v.document().messageId());
                }
            } else {
                observer.decided(servedUser, new ImdnOutcome.Suppressed(v.document().messageId(), v.type(),
                        "PF-IMDN-O-02/" + v.requirement()));
            }
        }
        List<ImdnDocument> kept = Deduplication.kept(verdicts);
        if (kept.isEmpty()) {
            log.debug("{} from {}: every notification already forwarded (PF-IMDN-O-02); answered 200",
                    message.summary(), servedUser);
            answer(tx, PagerRequests.own(message.createResponse(200).toBuilder(), message, pf));
            return;
        }
        // step 5 (PF-IMDN-O-01): via the SIP/IP core to the original sender (the Request-URI the client chose)
        NotificationBody onward = body.only(kept);
        SipRequest out = PagerRequests.onward(message, null, servedUser.toString());
        if (onward != body) {
            out = out.toBuilder().body(NotificationBody.CPIM, onward.cpim().toBytes()).build();
        }
        SipRequest sent = out;
        pf.sender().sendRequest(sent, pf.core(), new ClientTransactionListener() {
            @Override
            public void onFinalResponse(ClientTransaction ct, SipResponse response) {
                answer(tx, PagerRequests.relayed(message, response, pf));
            }

            @Override
            public void onFailure(ClientTransaction ct, TransactionFailure failure) {
                BestResponse best = new BestResponse();
                best.consider(sent.createResponse(failure.asStatus()));
                log.info("{} from {}: the notification could not be forwarded ({})", message.summary(), servedUser,
                        failure);
                answer(tx, PagerRequests.own(best.responseTo(message), message, pf));
            }
        });
    }

    private static void answer(ServerTransaction tx, SipResponse response) {
        if (!tx.isTerminated()) {
            tx.respond(response);
        }
    }
}
