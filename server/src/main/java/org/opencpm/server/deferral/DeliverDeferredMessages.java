package org.opencpm.server.deferral;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.opencpm.server.pf.PfServices;
import org.opencpm.server.pf.pager.TerminatingPagerMessage;
import org.opencpm.sip.message.SipUri;
import org.opencpm.store.deferred.DeferredMessageStore;
import org.opencpm.store.deferred.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * §8.3.1.6 Defer Standalone CPM Messages, delivery: when the served user may be reachable again
 * ({@link DeliveryTrigger}), the messages deferred for them go to their suitable clients through the normal
 * terminating path ({@link TerminatingPagerMessage#deliver}: every suitable client in parallel, first 2xx
 * wins), in acceptance order — so in each sender's order (reference.md §4.6).
 * <ol>
 *   <li>read the next page of pending messages (acceptance order);</li>
 *   <li>for each, in order and at most {@link DeferralSettings#window()} at once: record the attempt
 *       ({@code markInFlight}) and wait until it is durable, then send — so that a crash never loses the
 *       record of a send, and a message redelivered after a crash carries the same {@code imdn.Message-ID}
 *       for the client to drop;</li>
 *   <li>a 2xx from a client → {@code markDelivered} (only now does the message leave the queue); any other
 *       answer or a timeout → {@code markFailed} (pending again), and nothing further is sent in this run so
 *       that a later message does not overtake it;</li>
 *   <li>after a failure the run starts again after a back-off ({@link DeferralSettings#retryBackoff()},
 *       doubling, at most {@link DeferralSettings#maxRetries()} times); after that, or when no suitable
 *       client is left (480), the messages wait for the next trigger.</li>
 * </ol>
 * A run starts {@link DeferralSettings#holdOff()} after the trigger. One run per user at a time; a trigger during a run makes it look again at the end. Runs on the SIP owner
 * thread; store results are handed back to it.
 */
final class DeliverDeferredMessages {

    private static final Logger log = LoggerFactory.getLogger(DeliverDeferredMessages.class);

    /** How a run ended; tests and the bench observe it through {@link #setRunListener}. */
    sealed interface RunOutcome {
        /** Every pending message was delivered. */
        record Completed(String user, int delivered) implements RunOutcome {
        }

        /** A delivery failed; the rest waits for a retry (after {@code retryIn}) or the next trigger (null). */
        record Interrupted(String user, int delivered, int status, Duration retryIn) implements RunOutcome {
        }
    }

    private final PfServices pf;
    private final DeferredMessageStore store;
    private final TerminatingPagerMessage terminating;
    private final DeferralSettings settings;
    private final Map<String, Run> running = new HashMap<>();
    private Consumer<RunOutcome> runListener = o -> { };

    DeliverDeferredMessages(PfServices pf, DeferredMessageStore store, TerminatingPagerMessage terminating,
                            DeferralSettings settings) {
        this.pf = pf;
        this.store = store;
        this.terminating = terminating;
        this.settings = settings;
    }

    void setRunListener(Consumer<RunOutcome> listener) {
        this.runListener = listener;
    }

    /** Whether a delivery run for {@code user} is active (including one waiting to retry). */
    boolean isRunning(SipUri user) {
        return running.containsKey(user.aor().toString());
    }

    void trigger(SipUri servedUser) {
        String key = servedUser.aor().toString();
        Run run = running.get(key);
        if (run != null) {
            run.lookAgain = true;
            if (run.waitingForRetry) {
                run.retryNow();
            }
            return;
        }
        run = new Run(servedUser.aor(), key);
        running.put(key, run);
        pf.scheduler().schedule(settings.holdOff(), run::nextPage);
    }

    /** One user's delivery, from the trigger until nothing is pending or an attempt failed. */
    private final class Run {

        private final SipUri user;
        private final String key;
        private final ArrayDeque<StoredMessage> queue = new ArrayDeque<>();
        private long afterId;
        private int inFlight;
        private int delivered;
        private int failedStatus;
        private int retries;
        private boolean lookAgain;
        private boolean waitingForRetry;
        private org.opencpm.common.time.Cancellable retryTimer;

        Run(SipUri user, String key) {
            this.user = user;
            this.key = key;
        }

        // step 1: the next page, in acceptance order
        void nextPage() {
            OwnerThread.hop(pf.scheduler(), store.pending(key, afterId, settings.pageSize())).whenComplete((page, e) -> {
                if (e != null) {
                    log.error("deferred delivery to {}: cannot read the store ({}); the messages wait for the next "
                            + "registration", key, e.toString());
                    end(new RunOutcome.Interrupted(key, delivered, 500, null));
                    return;
                }
                if (page.isEmpty()) {
                    if (lookAgain) {
                        lookAgain = false;
                        afterId = 0;
                        nextPage();
                        return;
                    }
                    if (delivered > 0) {
                        log.info("deferred delivery to {}: {} message(s) delivered", key, delivered);
                    }
                    end(new RunOutcome.Completed(key, delivered));
                    return;
                }
                afterId = page.get(page.size() - 1).id();
                queue.addAll(page);
                pump();
            });
        }

        // step 2: in order, up to the window
        void pump() {
            while (failedStatus == 0 && inFlight < settings.window() && !queue.isEmpty()) {
                send(queue.poll());
            }
            if (inFlight > 0) {
                return;
            }
            if (failedStatus != 0) {
                retryOrStop();
            } else if (queue.isEmpty()) {
                nextPage();
            }
        }

        void send(StoredMessage m) {
            inFlight++;
            OwnerThread.hop(pf.scheduler(), store.markInFlight(m.id(), m.attempts() + 1)).whenComplete((marked, e) -> {
                if (e != null) {
                    log.error("deferred delivery to {}: cannot record the attempt for #{} ({}); not sent", key, m.id(),
                            e.toString());
                    settle(500);
                    return;
                }
                if (!marked) { // delivered, expired and removed, or taken by another run meanwhile
                    settle(0);
                    return;
                }
                terminating.deliver(user, DeferredRequests.redelivery(m.id(), m.message(), pf.domain()),
                        status -> answered(m, status));
            });
        }

        // step 3: the client's answer
        void answered(StoredMessage m, int status) {
            if (status >= 200 && status < 300) {
                OwnerThread.hop(pf.scheduler(), store.markDelivered(m.id())).whenComplete((ok, e) -> {
                    if (e != null) {
                        log.error("deferred delivery to {}: #{} delivered but not recorded ({}); it will be sent again "
                                + "with the same imdn.Message-ID", key, m.id(), e.toString());
                    } else {
                        delivered++;
                    }
                    settle(0);
                });
            } else {
                log.info("deferred delivery to {}: #{} ({}) answered {}; pending again", key, m.id(),
                        m.message().messageId(), status);
                OwnerThread.hop(pf.scheduler(), store.markFailed(m.id())).whenComplete((ok, e) -> settle(status));
            }
        }

        void settle(int status) {
            inFlight--;
            if (status != 0 && failedStatus == 0) {
                failedStatus = status;
            }
            pump();
        }

        // step 4: bounded retry with back-off
        void retryOrStop() {
            queue.clear();
            if (failedStatus == 480 || retries >= settings.maxRetries()) {
                log.info("deferred delivery to {}: stopped after {} delivered ({}); the rest waits for the next "
                        + "registration", key, delivered, failedStatus == 480 ? "no suitable client" : "retries exhausted");
                end(new RunOutcome.Interrupted(key, delivered, failedStatus, null));
                return;
            }
            Duration wait = settings.retryBackoff().multipliedBy(1L << retries);
            retries++;
            runListener.accept(new RunOutcome.Interrupted(key, delivered, failedStatus, wait));
            waitingForRetry = true;
            retryTimer = pf.scheduler().schedule(wait, this::retryNow);
        }

        void retryNow() {
            if (!waitingForRetry) {
                return;
            }
            if (retryTimer != null) {
                retryTimer.cancel();
            }
            waitingForRetry = false;
            failedStatus = 0;
            afterId = 0;
            nextPage();
        }

        void end(RunOutcome outcome) {
            running.remove(key);
            runListener.accept(outcome);
            if (lookAgain && outcome instanceof RunOutcome.Interrupted) {
                trigger(user); // a trigger came during the run (e.g. another client registered): one more run
            }
        }
    }
}
