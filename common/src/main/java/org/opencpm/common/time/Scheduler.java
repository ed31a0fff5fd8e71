package org.opencpm.common.time;

import java.time.Duration;

/**
 * Runs tasks now or later on one owner's thread, reading time from its {@link Clock}.
 *
 * <p>A scheduler is single-threaded from the point of view of its tasks: tasks submitted to one
 * scheduler never run concurrently with each other. Protocol state machines (transactions, dialogs,
 * sessions) are owned by exactly one scheduler and are only touched from its tasks, so they need no
 * locks. On sockets the scheduler is a Netty event loop ({@link ExecutorScheduler}); in tests it is a
 * {@link VirtualScheduler} whose time only moves when the test says so.
 */
public interface Scheduler {

    /** The clock this scheduler's delays are measured on. */
    Clock clock();

    /** Runs {@code task} soon, after the task that is running now. */
    void execute(Runnable task);

    /** Runs {@code task} once {@code delay} has passed on {@link #clock()}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** True if the calling thread is this scheduler's thread (always true on virtual time). */
    boolean inOwnerThread();
}
