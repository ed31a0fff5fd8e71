package org.opencpm.common.time;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A deterministic {@link Scheduler} and {@link Clock} on virtual time, for tests.
 *
 * <p>Time stands still until the test calls {@link #advance(Duration)} or {@link #advanceTo(long)};
 * tasks due by then run in order of their due time, ties in order of submission, each seeing
 * {@link #nanoTime()} equal to its own due time. {@link #runPending()} runs the tasks that are due now
 * without moving time. Nothing here sleeps or starts a thread: a test of a 32-second Timer B takes
 * microseconds and asserts the exact instant the timer fired.
 *
 * <p>Not thread-safe: use it from the test thread only.
 */
public final class VirtualScheduler implements Scheduler, Clock {

    /** The wall-clock time shown at virtual time zero: 2026-01-01T00:00:00Z. */
    public static final long DEFAULT_EPOCH_MILLIS = 1_767_225_600_000L;

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final long epochMillis;
    private long now;
    private long sequence;

    public VirtualScheduler() {
        this(DEFAULT_EPOCH_MILLIS);
    }

    /** @param epochMillis the wall-clock time at virtual time zero */
    public VirtualScheduler(long epochMillis) {
        this.epochMillis = epochMillis;
    }

    @Override
    public Clock clock() {
        return this;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public long currentTimeMillis() {
        return epochMillis + now / 1_000_000L;
    }

    /** Virtual time elapsed since this scheduler was created. */
    public Duration elapsed() {
        return Duration.ofNanos(now);
    }

    @Override
    public void execute(Runnable task) {
        enqueue(now, task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return enqueue(now + Math.max(0, delay.toNanos()), task);
    }

    @Override
    public boolean inOwnerThread() {
        return true;
    }

    /** Runs every task that is due now, including tasks those tasks submit for now. */
    public void runPending() {
        advanceTo(now);
    }

    /** Moves time forward by {@code delta}, running every task that falls due on the way. */
    public void advance(Duration delta) {
        if (delta.isNegative()) {
            throw new IllegalArgumentException("virtual time cannot go back: " + delta);
        }
        advanceTo(now + delta.toNanos());
    }

    /** Moves time forward to {@code nanos}, running every task that falls due on the way. */
    public void advanceTo(long nanos) {
        if (nanos < now) {
            throw new IllegalArgumentException("virtual time cannot go back from " + now + " to " + nanos);
        }
        Task next;
        while ((next = queue.peek()) != null && next.due <= nanos) {
            queue.poll();
            if (next.cancelled) {
                continue;
            }
            now = next.due;
            next.task.run();
        }
        now = nanos;
    }

    /** Runs tasks, moving time as needed, until none is left or {@code limit} of virtual time has passed. */
    public void runUntilIdle(Duration limit) {
        long end = now + limit.toNanos();
        Task next;
        while ((next = queue.peek()) != null && next.due <= end) {
            advanceTo(next.due);
        }
    }

    /** The number of tasks still scheduled and not cancelled. */
    public int pendingTasks() {
        int n = 0;
        for (Task t : queue) {
            if (!t.cancelled) {
                n++;
            }
        }
        return n;
    }

    /** The delay until the next scheduled task, or {@code null} if none is scheduled. */
    public Duration nextDue() {
        for (Task t; (t = queue.peek()) != null; ) {
            if (!t.cancelled) {
                return Duration.ofNanos(t.due - now);
            }
            queue.poll();
        }
        return null;
    }

    private Task enqueue(long due, Runnable task) {
        Task t = new Task(due, sequence++, task);
        queue.add(t);
        return t;
    }

    private static final class Task implements Comparable<Task>, Cancellable {
        final long due;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Task(long due, long seq, Runnable task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
