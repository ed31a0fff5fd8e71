package org.opencpm.server.deferral;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.opencpm.common.time.Cancellable;
import org.opencpm.server.pf.PfServices;
import org.opencpm.store.deferred.DeferredMessageStore;
import org.opencpm.store.deferred.RequestedNotification;
import org.opencpm.store.deferred.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expiry of deferred messages by policy ({@code store.deferred-expiry}, AMB-39), every
 * {@link DeferralSettings#sweepInterval()}:
 * <ol>
 *   <li>list the pending messages whose expiry instant has passed (an expired message is never delivered:
 *       the delivery query skips it);</li>
 *   <li>for each whose sender asked for {@code negative-delivery}: a delivery notification with status
 *       {@code failed} on the served user's behalf (PF-IMDN-OB-01, PF-IMDN-OB-03, built per PF-IMDN-OB-04);</li>
 *   <li>remove it — after the notification went out, so a crash in between repeats the notification rather
 *       than losing it;</li>
 *   <li>forget delivered messages past their expiry (kept until then to recognise late retransmissions).</li>
 * </ol>
 */
final class ExpireDeferredMessages {

    private static final Logger log = LoggerFactory.getLogger(ExpireDeferredMessages.class);
    private static final int BATCH = 256;

    private final PfServices pf;
    private final DeferredMessageStore store;
    private final OnBehalfNotifications notifications;
    private final DeferralSettings settings;
    private Cancellable timer;
    private boolean sweeping;
    private boolean stopped;

    ExpireDeferredMessages(PfServices pf, DeferredMessageStore store, OnBehalfNotifications notifications,
                           DeferralSettings settings) {
        this.pf = pf;
        this.store = store;
        this.notifications = notifications;
        this.settings = settings;
    }

    void start() {
        timer = pf.scheduler().schedule(settings.sweepInterval(), this::tick);
    }

    void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel();
        }
    }

    private void tick() {
        if (stopped) {
            return;
        }
        sweep(n -> { });
        timer = pf.scheduler().schedule(settings.sweepInterval(), this::tick);
    }

    /** One sweep; {@code done} hears how many messages expired. */
    void sweep(IntConsumer done) {
        if (sweeping) {
            done.accept(0);
            return;
        }
        sweeping = true;
        batch(0, done);
    }

    private void batch(int sofar, IntConsumer done) {
        Instant now = Instant.ofEpochMilli(pf.scheduler().clock().currentTimeMillis());
        // step 1: what has expired
        OwnerThread.hop(pf.scheduler(), store.expired(now, BATCH)).whenComplete((expired, e) -> {
            if (e != null) {
                log.error("deferred messages: cannot list expired messages ({}); next sweep in {}", e.toString(),
                        settings.sweepInterval());
                finish(sofar, done);
                return;
            }
            List<CompletableFuture<Boolean>> removals = new ArrayList<>();
            for (StoredMessage m : expired) {
                // step 2: negative-delivery notification where asked for
                if (m.message().requested(RequestedNotification.NEGATIVE_DELIVERY)) {
                    notifications.failed(m.message());
                }
                log.info("deferred message {} from {} for {} expired undelivered (accepted {}){}",
                        m.message().messageId(), m.message().sender(), m.message().recipient(), m.acceptedAt(),
                        m.message().requested(RequestedNotification.NEGATIVE_DELIVERY) ? "; negative-delivery sent" : "");
                // step 3: forget it
                removals.add(store.remove(m.id()));
            }
            CompletableFuture<Void> removed = CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new));
            OwnerThread.hop(pf.scheduler(), removed).whenComplete((v, re) -> {
                if (re != null) {
                    log.error("deferred messages: cannot remove expired messages ({}); next sweep in {}", re.toString(),
                            settings.sweepInterval());
                    finish(sofar + expired.size(), done);
                } else if (expired.size() == BATCH) {
                    batch(sofar + expired.size(), done);
                } else {
                    // step 4: delivered messages past their expiry
                    store.purgeDelivered(now);
                    finish(sofar + expired.size(), done);
                }
            });
        });
    }

    private void finish(int count, IntConsumer done) {
        sweeping = false;
        done.accept(count);
    }
}
