package org.opencpm.msrp.internal.transport;

import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.common.time.ExecutorScheduler;
import org.opencpm.common.time.Scheduler;

/**
 * One {@link Scheduler} per event loop of an endpoint, shared by every connection, session and relay on that
 * loop: a scheduler holds no state of its own, so one per loop is enough. Thread-safe.
 */
public final class LoopSchedulers {

    private final Map<EventLoop, Scheduler> byLoop = new ConcurrentHashMap<>();

    /** The scheduler running on {@code loop}. */
    public Scheduler of(EventLoop loop) {
        Scheduler s = byLoop.get(loop);
        return s != null ? s : byLoop.computeIfAbsent(loop, l -> new ExecutorScheduler(l, l::inEventLoop));
    }
}
