package org.opencpm.server.deferral;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.cpim.CpimParseException;
import org.opencpm.server.edge.Binding;
import org.opencpm.server.edge.RegistrationEvent;
import org.opencpm.server.edge.RegistrationListener;
import org.opencpm.server.pf.CpmFeatureTags;
import org.opencpm.server.pf.PfServices;
import org.opencpm.server.pf.checks.Rejection;
import org.opencpm.server.pf.pager.DeferralDecision;
import org.opencpm.server.pf.pager.TerminatingPagerMessage;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipUri;
import org.opencpm.store.deferred.DeferredMessageStore;

/**
 * Store-and-forward of standalone CPM messages for served users with no suitable client (OMA CPM Conv
 * Fnct §8.3.1.6): the terminating PF's {@link DeferralDecision} (acceptance with 202 once durable,
 * {@link DeferStandaloneMessage}), the {@link DeliveryTrigger} and registration listener that deliver on
 * the user's return ({@link DeliverDeferredMessages}), and expiry with negative-delivery notifications
 * ({@link ExpireDeferredMessages}). The durable queue is any {@link DeferredMessageStore} (embedded:
 * SQLite).
 *
 * <p>Public API for other procedures (e.g. deferring a disposition notification for an unavailable client,
 * PF-IMDN-TD-01): {@link #defer} and {@link #clientAvailable}. Everything runs on the SIP owner thread.
 */
public final class DeferredMessages implements DeferralDecision, DeliveryTrigger, RegistrationListener {

    private final DeferStandaloneMessage acceptance;
    private final DeliverDeferredMessages delivery;
    private final ExpireDeferredMessages expiry;

    public DeferredMessages(PfServices pf, DeferredMessageStore store, DeferralSettings settings) {
        OnBehalfNotifications notifications = new OnBehalfNotifications(pf);
        this.acceptance = new DeferStandaloneMessage(pf, store, notifications);
        this.delivery = new DeliverDeferredMessages(pf, store, new TerminatingPagerMessage(pf), settings);
        this.expiry = new ExpireDeferredMessages(pf, store, notifications, settings);
    }

    /** Starts the periodic expiry sweep. */
    public void start() {
        expiry.start();
    }

    /** Stops the expiry sweep (the store is closed by its owner). */
    public void stop() {
        expiry.stop();
    }

    /**
     * Defers a SIP MESSAGE with a CPIM body for {@code servedUser}, who has no suitable client now. Completes
     * on the SIP owner thread: {@link DeferOutcome.Stored} once the message is durable (answer 202), or
     * {@link DeferOutcome.Refused}; exceptionally if the store failed (answer 5xx: the message is not kept).
     */
    public CompletionStage<DeferOutcome> defer(SipUri servedUser, SipRequest message) {
        CpimMessage cpim;
        try {
            cpim = CpimMessage.parse(message.body());
        } catch (CpimParseException e) {
            return CompletableFuture.completedFuture(new DeferOutcome.Refused(Rejection.of(400, "Bad CPIM: "
                    + e.getMessage())));
        }
        return acceptance.defer(servedUser, message, cpim);
    }

    @Override
    public CompletionStage<Decision> noSuitableClient(SipUri servedUser, SipRequest message, CpimMessage cpim) {
        return acceptance.defer(servedUser, message, cpim).thenApply(outcome -> outcome instanceof DeferOutcome.Refused r
                ? new Decision.Reject(r.rejection()) : new Decision.Deferred());
    }

    @Override
    public void clientAvailable(SipUri servedUser) {
        delivery.trigger(servedUser);
    }

    /** A client of the user registered (or refreshed) with the msg ICSI: deliver what waits (trigger A). */
    @Override
    public void onRegistrationEvent(RegistrationEvent event) {
        Binding b = null;
        if (event instanceof RegistrationEvent.Registered r) {
            b = r.binding();
        } else if (event instanceof RegistrationEvent.Refreshed r) {
            b = r.binding();
        }
        if (b != null && CpmFeatureTags.MSG.inFeatureParams(b.featureTags())) {
            clientAvailable(event.aor());
        }
    }

    /** Runs one expiry sweep now; {@code done} hears how many messages expired (tests, operations). */
    public void sweepExpired(java.util.function.IntConsumer done) {
        expiry.sweep(done);
    }

    /** Observes delivery runs (tests and the bench). */
    void setRunListener(Consumer<DeliverDeferredMessages.RunOutcome> listener) {
        delivery.setRunListener(listener);
    }
}
