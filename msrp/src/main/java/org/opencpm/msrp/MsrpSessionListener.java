package org.opencpm.msrp;

/**
 * Receives the events of one or more {@link MsrpSession}s.
 *
 * <p>Called on the session's scheduler thread (an event loop on sockets), one event at a time. It must
 * be quick and must not block; it may call the session (send, close) since those calls are queued.
 * It must not throw: an exception is logged and otherwise ignored.
 */
@FunctionalInterface
public interface MsrpSessionListener {

    void onEvent(MsrpSessionEvent event);
}
