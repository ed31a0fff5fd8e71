package org.opencpm.sip.transaction.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.opencpm.common.time.Cancellable;
import org.opencpm.common.time.Scheduler;

/**
 * The running timers of one transaction. A timer fires as an event into its transaction's
 * {@code onTimer} handler on the scheduler's thread; a timer cancelled or restarted before it fires
 * never reaches the handler.
 */
final class TimerSet {

    private final Scheduler scheduler;
    private final Consumer<TimerName> handler;
    private final Map<TimerName, Cancellable> running = new EnumMap<>(TimerName.class);

    TimerSet(Scheduler scheduler, Consumer<TimerName> handler) {
        this.scheduler = scheduler;
        this.handler = handler;
    }

    /** Starts (or restarts) {@code timer} to fire after {@code delay}. */
    void start(TimerName timer, Duration delay) {
        cancel(timer);
        Cancellable[] self = new Cancellable[1];
        self[0] = scheduler.schedule(delay, () -> {
            if (running.get(timer) == self[0]) {
                running.remove(timer);
                handler.accept(timer);
            }
        });
        running.put(timer, self[0]);
    }

    void cancel(TimerName timer) {
        Cancellable c = running.remove(timer);
        if (c != null) {
            c.cancel();
        }
    }

    boolean isRunning(TimerName timer) {
        return running.containsKey(timer);
    }

    void cancelAll() {
        for (Cancellable c : running.values()) {
            c.cancel();
        }
        running.clear();
    }
}
