package org.opencpm.client;

import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A listener that queues what it hears, for tests to take with a bounded wait. */
final class Recorder implements CpmClientListener {

    record Closed(ChatSession session, ChatSession.CloseReason reason) {
    }

    final BlockingQueue<ChatSession> opened = new LinkedBlockingQueue<>();
    final BlockingQueue<Closed> closed = new LinkedBlockingQueue<>();
    final BlockingQueue<ChatMessage> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<DispositionReport> reports = new LinkedBlockingQueue<>();
    /** The threads the callbacks ran on. */
    final java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public void sessionOpened(ChatSession session) {
        threads.add(Thread.currentThread().getName());
        opened.add(session);
    }

    @Override
    public void sessionClosed(ChatSession session, ChatSession.CloseReason reason) {
        threads.add(Thread.currentThread().getName());
        closed.add(new Closed(session, reason));
    }

    @Override
    public void messageReceived(ChatMessage message) {
        threads.add(Thread.currentThread().getName());
        messages.add(message);
    }

    @Override
    public void notificationReceived(DispositionReport report) {
        threads.add(Thread.currentThread().getName());
        reports.add(report);
    }

    static <T> T take(BlockingQueue<T> q, String what) throws InterruptedException {
        T t = q.poll(10, TimeUnit.SECONDS);
        if (t == null) {
            fail("no " + what + " within 10 s");
        }
        return t;
    }
}
