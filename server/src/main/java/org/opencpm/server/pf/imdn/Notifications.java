package org.opencpm.server.pf.imdn;

import java.util.Optional;
import org.opencpm.server.pf.PfServices;
import org.opencpm.server.pf.Served;
import org.opencpm.server.pf.checks.Rejection;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.transaction.ServerTransaction;
import org.opencpm.store.imdn.ImdnCache;
import org.opencpm.store.imdn.ImdnCacheConfig;
import org.opencpm.store.imdn.MemoryImdnCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disposition-notification feature of the Participating Function: recognises a pager-mode MESSAGE that
 * carries a notification (before the ordinary pager procedure, which would treat it as a message) and runs
 * §8.2.4 for the served user's own notifications or §8.3.4/§8.3.5 for notifications addressed to the served
 * user. Also builds the per-session {@link SessionNotifications} for the MSRP relay and the on-behalf
 * notifications of §8.2.5.
 *
 * <p>The cache defaults to memory; the server installs the durable one with {@link #setCache}. Owned by the
 * SIP owner thread.
 */
public final class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final PfServices pf;
    private final Deduplication dedup;
    private final ObserverChain observer = new ObserverChain();
    private final NotificationDelivery delivery;
    private final OriginatingNotification originating;
    private final TerminatingNotification terminating;
    private final OnBehalfNotification onBehalf;

    public Notifications(PfServices pf, boolean directForward) {
        this.pf = pf;
        this.dedup = new Deduplication(new MemoryImdnCache(ImdnCacheConfig.DEFAULTS, pf.scheduler().clock()),
                pf.scheduler());
        this.delivery = new NotificationDelivery(pf, observer);
        this.originating = new OriginatingNotification(pf, dedup, observer);
        this.terminating = new TerminatingNotification(pf, dedup, delivery, observer, directForward);
        this.onBehalf = new OnBehalfNotification(pf, observer);
    }

    /** How often entries older than the TTL are removed from the cache (PF-IMDN-T-10). */
    static final java.time.Duration EXPIRY_INTERVAL = java.time.Duration.ofHours(1);

    /**
     * Installs the message-id / disposition-type cache (AMB-03); the default is in memory. Entries past their
     * TTL are removed every {@link #EXPIRY_INTERVAL} (they already count as misses before that).
     */
    public void setCache(ImdnCache cache) {
        dedup.setCache(cache);
        scheduleExpiry(cache);
    }

    private void scheduleExpiry(ImdnCache cache) {
        pf.scheduler().schedule(EXPIRY_INTERVAL, () -> {
            if (dedup.cache() != cache) {
                return; // replaced
            }
            cache.expire(java.time.Instant.ofEpochMilli(pf.scheduler().clock().currentTimeMillis()))
                    .whenComplete((n, e) -> {
                        if (e != null) {
                            log.warn("IMDN cache expiry failed: {}", e.toString());
                        } else if (n > 0) {
                            log.debug("IMDN cache: {} entries past their TTL removed", n);
                        }
                    });
            scheduleExpiry(cache);
        });
    }

    /** Installs the deferral of notifications for a user with no available client (PF-IMDN-TD-01). */
    public void setDeferral(NotificationDeferral deferral) {
        delivery.setDeferral(deferral);
    }

    /** Adds an observer of every final decision (metrics, tests). */
    public void addObserver(ImdnObserver o) {
        observer.add(o);
    }

    /** The notifications the PF generates on behalf of the served user (§8.2.5). */
    public OnBehalfNotification onBehalf() {
        return onBehalf;
    }

    /** The IMDN rules for the messages of one CPM Session crossing the B2BUA's relay. */
    public SessionNotifications forSession(org.opencpm.sip.message.SipUri servedUser, String sessionLabel) {
        return new SessionNotifications(pf, dedup, observer, servedUser, sessionLabel);
    }

    /**
     * Takes a pager-mode MESSAGE if it carries a disposition notification: runs the procedure of the served
     * user's role and returns true (a rejection is answered here); false leaves it to the pager procedure.
     */
    public boolean handle(ServerTransaction tx, SipRequest message, Served served, RejectionSink reject) {
        Optional<NotificationBody> body;
        try {
            body = NotificationBody.of(message);
        } catch (NotificationBody.BadNotification e) {
            log.info("{} for {}: bad IMDN body ({}); answered 400", message.summary(), served.user(), e.getMessage());
            reject.reject(Rejection.of(400, "Bad IMDN: " + e.getMessage()));
            return true;
        }
        if (body.isEmpty()) {
            return false;
        }
        Optional<Rejection> rejected = served instanceof Served.Originating
                ? originating.handle(tx, message, served.user(), body.get())
                : terminating.handle(tx, message, served.user(), body.get());
        rejected.ifPresent(reject::reject);
        return true;
    }

    /** Where {@link #handle} sends a rejection: the PF's own answer with To tag, Server and Warning. */
    @FunctionalInterface
    public interface RejectionSink {
        void reject(Rejection rejection);
    }

    private static final class ObserverChain implements ImdnObserver {
        private final java.util.List<ImdnObserver> observers = new java.util.ArrayList<>();

        void add(ImdnObserver o) {
            observers.add(o);
        }

        @Override
        public void decided(org.opencpm.sip.message.SipUri servedUser, ImdnOutcome outcome) {
            log.debug("IMDN for {}: {}", servedUser, outcome);
            for (ImdnObserver o : observers) {
                o.decided(servedUser, outcome);
            }
        }
    }
}
