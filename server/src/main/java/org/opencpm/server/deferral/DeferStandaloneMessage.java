package org.opencpm.server.deferral;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.cpim.DispositionRequest;
import org.opencpm.server.config.UserPreferences;
import org.opencpm.server.pf.PfServices;
import org.opencpm.server.pf.checks.Identities;
import org.opencpm.server.pf.checks.Rejection;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipUri;
import org.opencpm.store.deferred.DeferredMessage;
import org.opencpm.store.deferred.DeferredMessageStore;
import org.opencpm.store.deferred.MessageTooLargeException;
import org.opencpm.store.deferred.RequestedNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * §8.3.1.6 Defer Standalone CPM Messages, acceptance (terminating PF, no suitable client of the served
 * user can take the message now):
 * <ol>
 *   <li>the user allows deferral: {@code <allow-defer>} (AMB-39: {@code allow-defer} → deferred delivery;
 *       {@code allow-offline-storage}/{@code allow-store} concern recording) — else 480 "Temporarily
 *       Unavailable" (AMB-24);</li>
 *   <li>the message is stored durably, keyed by recipient and CPIM {@code imdn.Message-ID} so that a
 *       retransmission is stored once; a body over the store's limit → 413;</li>
 *   <li>once the store has committed — and only then, so that an acknowledged message survives a crash —
 *       the outcome is {@link DeferOutcome.Stored} (the sender gets 202 Accepted, reference.md §4.6), and a
 *       {@code processing}/{@code stored} notification goes to the sender if the CPIM asked for
 *       {@code processing} (not again for a retransmission).</li>
 * </ol>
 * Runs on the SIP owner thread; the store commits on its own thread and the outcome completes back on the
 * owner thread.
 */
final class DeferStandaloneMessage {

    private static final Logger log = LoggerFactory.getLogger(DeferStandaloneMessage.class);

    static final Rejection NOT_ALLOWED = Rejection.of(480, "Temporarily Unavailable");
    static final Rejection TOO_LARGE = Rejection.of(413, "Request Entity Too Large");

    private final PfServices pf;
    private final DeferredMessageStore store;
    private final OnBehalfNotifications notifications;

    DeferStandaloneMessage(PfServices pf, DeferredMessageStore store, OnBehalfNotifications notifications) {
        this.pf = pf;
        this.store = store;
        this.notifications = notifications;
    }

    CompletableFuture<DeferOutcome> defer(SipUri servedUser, SipRequest message, CpimMessage cpim) {
        String recipient = servedUser.aor().toString();
        // step 1: the user's preference (AMB-39)
        UserPreferences prefs = pf.users().preferencesOf(recipient);
        if (!prefs.allowDefer()) {
            log.info("{} for {}: no suitable client and allow-defer is off; rejected 480", message.summary(), recipient);
            return CompletableFuture.completedFuture(new DeferOutcome.Refused(NOT_ALLOWED));
        }
        // step 2: durable storage
        DeferredMessage deferred = describe(recipient, message, cpim);
        return OwnerThread.hop(pf.scheduler(), store.accept(deferred)).handle((accepted, failure) -> {
            if (failure != null) {
                Throwable cause = OwnerThread.unwrap(failure);
                if (cause instanceof MessageTooLargeException) {
                    log.info("{} for {}: {}; rejected 413", message.summary(), recipient, cause.getMessage());
                    return new DeferOutcome.Refused(TOO_LARGE);
                }
                throw new IllegalStateException("deferred store refused " + deferred + ": " + cause, cause);
            }
            // step 3: durable now; the processing notification if asked for
            if (!accepted.duplicate() && deferred.requested(RequestedNotification.PROCESSING)) {
                pf.scheduler().execute(() -> notifications.stored(deferred)); // after the 202 has gone
            }
            log.debug("{} for {}: deferred as #{}{}", message.summary(), recipient, accepted.id(),
                    accepted.duplicate() ? " (retransmission)" : "");
            return new DeferOutcome.Stored(accepted.id(), accepted.duplicate(), accepted.expiresAt());
        });
    }

    /** What the store keeps: the originator (AMB-30), the CPIM identity and requests, the body byte for byte. */
    static DeferredMessage describe(String recipient, SipRequest message, CpimMessage cpim) {
        String sender = Identities.aorString(Identities.originator(message));
        // a CPIM body without imdn.Message-ID (no notification possible) is keyed by its Call-ID, which a
        // retransmission keeps
        String messageId = cpim.imdnMessageId().orElse("sip-call-id:" + message.callId());
        Set<RequestedNotification> requested = EnumSet.noneOf(RequestedNotification.class);
        for (DispositionRequest r : cpim.dispositionNotification()) {
            for (RequestedNotification n : RequestedNotification.values()) {
                if (n.token().equalsIgnoreCase(r.token())) {
                    requested.add(n);
                }
            }
        }
        return new DeferredMessage(recipient, sender, messageId, message.header(HeaderNames.CONVERSATION_ID),
                message.header(HeaderNames.CONTRIBUTION_ID), message.contentType(), message.body(), requested);
    }
}
