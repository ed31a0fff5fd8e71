package org.opencpm.client;

/**
 * Observes the protocol work of a {@link CpmClient} in nested start/end pairs, for logs, a verbose
 * mode and tests: registration, invitation, MSRP connection and message sending. Each {@code …Start}
 * is followed by exactly one {@code …End} for the same key; {@code status} is the SIP status of the
 * final response, or the status a failure counts as (408 timeout, 503 transport error, 0 for an
 * MSRP-level failure).
 *
 * <p><b>Threading.</b> Called on the client's event thread. Methods must be quick, must not block,
 * must not throw and must not call back into the client. All methods have empty defaults.
 */
public interface EventListener {

    /** An event listener that does nothing. */
    EventListener NONE = new EventListener() {
    };

    /** A REGISTER (initial, refresh, or {@code expires} 0 to unregister) is sent. */
    default void registerStart(String user, long expires) {
    }

    default void registerEnd(String user, int status) {
    }

    /** An INVITE for a 1-1 chat is sent to {@code peer}. */
    default void inviteStart(String peer, String callId) {
    }

    default void inviteEnd(String peer, String callId, int status) {
    }

    /** The MSRP session of a chat starts connecting (or waiting for the peer's connection). */
    default void msrpConnectStart(ChatSession session) {
    }

    /** The MSRP session is bound ({@code connected}) or failed to be. */
    default void msrpConnectEnd(ChatSession session, boolean connected) {
    }

    /** A message (chat text or notification) is sent; {@code pager} is true for SIP MESSAGE, false for MSRP. */
    default void sendStart(String peer, String messageId, boolean pager) {
    }

    /** The next hop accepted (status 2xx) or refused the message. */
    default void sendEnd(String peer, String messageId, int status) {
    }
}
