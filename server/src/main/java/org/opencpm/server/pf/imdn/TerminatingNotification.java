package org.opencpm.server.pf.imdn;

import java.util.List;
import java.util.Optional;
import org.opencpm.msrp.imdn.ImdnDocument;
import org.opencpm.server.config.UserPreferences;
import org.opencpm.server.pf.PfServices;
import org.opencpm.server.pf.checks.AdmissionChain;
import org.opencpm.server.pf.checks.BlacklistCheck;
import org.opencpm.server.pf.checks.Rejection;
import org.opencpm.server.pf.pager.PagerRequests;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transaction.ServerTransaction;
import org.opencpm.store.imdn.ImdnKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * §8.3.4 Receiving a Disposition Notification (seed 001, Change 3), pager mode: a SIP MESSAGE carrying a
 * delivery notification, read report, processing or interworking notification for a message the served
 * user sent.
 * <ol>
 * <li>the sender must not be on the served user's blacklist (as for any pager-mode request, §8.3.1.1);</li>
 * <li>"MAY either forward the SIP MESSAGE directly" (PF-IMDN-T-01, AMB-19 a): with
 *     {@code participating-function.imdn-direct-forward} the notification skips steps 1-3;</li>
 * <li>step 1 (PF-IMDN-T-02): the {@code <message-id>} and disposition type of each document;</li>
 * <li>steps 2-3 (PF-IMDN-T-03…09): the cache, keyed by served user, {@code <message-id>} and the notifying
 *     recipient (AMB-03), and the rules of {@link ForwardingRules}; suppressed documents are dropped, and a
 *     notification with nothing left is answered 200 by the PF;</li>
 * <li>the rest goes to the served user's clients by {@link NotificationDelivery} (§8.3.5).</li>
 * </ol>
 */
public final class TerminatingNotification {

    private static final Logger log = LoggerFactory.getLogger(TerminatingNotification.class);

    private final PfServices pf;
    private final Deduplication dedup;
    private final NotificationDelivery delivery;
    private final ImdnObserver observer;
    private final boolean directForward;

    TerminatingNotification(PfServices pf, Deduplication dedup, NotificationDelivery delivery, ImdnObserver observer,
                            boolean directForward) {
        this.pf = pf;
        this.dedup = dedup;
        this.delivery = delivery;
        this.observer = observer;
        this.directForward = directForward;
    }

    /** Runs the procedure; a rejection is returned for the caller to answer, anything else answers itself. */
    public Optional<Rejection> handle(ServerTransaction tx, SipRequest message, SipUri servedUser, NotificationBody body) {
        UserPreferences prefs = pf.users().preferencesOf(servedUser.toString());
        Optional<Rejection> rejected = new AdmissionChain(List.of(new BlacklistCheck(prefs))).run(message);
        if (rejected.isPresent()) {
            return rejected;
        }
        if (directForward) {
            // PF-IMDN-T-01: forwarded directly, without the cache (AMB-19 a)
            body.documents().forEach(d -> observer.decided(servedUser,
                    new ImdnOutcome.Forwarded(d.messageId(), ForwardingRules.of(d.type()))));
            delivery.deliver(tx, message, servedUser, body, body);
            return Optional.empty();
        }
        // steps 1-3 (PF-IMDN-T-02…09)
        String user = servedUser.toString();
        String identity = NotificationBody.sipIdentity(message);
        dedup.check(body.documents(),
                d -> new ImdnKey(user, ImdnKey.Direction.RECEIVED, d.messageId(), body.recipientOf(d, identity)),
                verdicts -> decided(tx, message, servedUser, body, verdicts));
        return Optional.empty();
    }

    private void decided(ServerTransaction tx, SipRequest message, SipUri servedUser, NotificationBody body,
                         List<Deduplication.Verdict> verdicts) {
        for (Deduplication.Verdict v : verdicts) {
            observer.decided(servedUser, v.forward()
                    ? new ImdnOutcome.Forwarded(v.document().messageId(), v.type())
                    : new ImdnOutcome.Suppressed(v.document().messageId(), v.type(), v.requirement()));
        }
        List<ImdnDocument> kept = Deduplication.kept(verdicts);
        if (kept.isEmpty()) {
            // 2.a.i-iii: "SHALL NOT forward the SIP MESSAGE request towards the original sender"
            log.debug("{} for {}: notification not forwarded ({})", message.summary(), servedUser,
                    verdicts.get(0).requirement());
            if (!tx.isTerminated()) {
                tx.respond(PagerRequests.own(message.createResponse(200).toBuilder(), message, pf));
            }
            return;
        }
        delivery.deliver(tx, message, servedUser, body, body.only(kept));
    }
}
