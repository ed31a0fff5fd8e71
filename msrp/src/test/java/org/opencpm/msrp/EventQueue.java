package org.opencpm.msrp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects events from event-loop threads; the test thread takes the next one of a kind, or fails. */
final class EventQueue<E> {

    private final LinkedBlockingQueue<E> queue = new LinkedBlockingQueue<>();
    private final List<E> seen = new ArrayList<>();

    void add(E event) {
        queue.add(event);
    }

    /** The next event of {@code type} matching {@code filter} within 10 s; events of other kinds are kept aside. */
    <T extends E> T next(Class<T> type, Predicate<T> filter) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (seen) {
            for (E e : seen) {
                if (type.isInstance(e) && filter.test(type.cast(e))) {
                    seen.remove(e);
                    return type.cast(e);
                }
            }
        }
        while (true) {
            long left = deadline - System.nanoTime();
            E e;
            try {
                e = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", ex);
            }
            if (e == null) {
                throw new AssertionError("no " + type.getSimpleName() + " within 10 s; other events: " + seen);
            }
            if (type.isInstance(e) && filter.test(type.cast(e))) {
                return type.cast(e);
            }
            synchronized (seen) {
                seen.add(e);
            }
        }
    }

    <T extends E> T next(Class<T> type) {
        return next(type, t -> true);
    }
}
