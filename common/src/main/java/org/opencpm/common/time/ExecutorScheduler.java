package org.opencpm.common.time;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A {@link Scheduler} on real time over a single-threaded {@link ScheduledExecutorService}, such as a
 * Netty {@code EventLoop} (which implements that interface).
 */
public final class ExecutorScheduler implements Scheduler {

    private final ScheduledExecutorService executor;
    private final BooleanSupplier inOwnerThread;

    /**
     * @param executor      a single-threaded executor; a Netty event loop in the server
     * @param inOwnerThread tells whether the calling thread is the executor's thread
     *                      (for a Netty event loop: {@code loop::inEventLoop})
     */
    public ExecutorScheduler(ScheduledExecutorService executor, BooleanSupplier inOwnerThread) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.inOwnerThread = Objects.requireNonNull(inOwnerThread, "inOwnerThread");
    }

    @Override
    public Clock clock() {
        return Clock.SYSTEM;
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public boolean inOwnerThread() {
        return inOwnerThread.getAsBoolean();
    }
}
