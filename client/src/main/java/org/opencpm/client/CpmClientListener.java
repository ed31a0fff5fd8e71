package org.opencpm.client;

/**
 * Receives what happens to a {@link CpmClient}: registration, sessions, messages and notifications.
 * Every method has an empty default.
 *
 * <p><b>Threading.</b> Called on the client's event thread (the SIP event loop), one call at a time
 * and in the order things happened. Methods must be quick, must not block and must not throw (an
 * exception is logged and ignored). They may call the asynchronous methods of the client and its
 * sessions ({@code send}, {@code close}, {@code markDisplayed}) but must not wait on their futures.
 */
public interface CpmClientListener {

    /** The registration succeeded (first time and after each refresh) for {@code expiresSeconds}. */
    default void registered(String user, long expiresSeconds) {
    }

    /** A registration refresh failed; the client retries later. */
    default void registrationFailed(String user, CpmException cause) {
    }

    /** A session is established: opened by us ({@code incoming} false) or accepted from the peer. */
    default void sessionOpened(ChatSession session) {
    }

    /** A session ended. */
    default void sessionClosed(ChatSession session, ChatSession.CloseReason reason) {
    }

    /**
     * A chat message arrived. Duplicates (same sender and {@code imdn.Message-ID}, as a server may
     * redeliver after a crash) are not reported twice. The delivery notification has already been
     * sent if the sender asked for one.
     */
    default void messageReceived(ChatMessage message) {
    }

    /** A disposition notification arrived for a message we sent (each type and status once per message). */
    default void notificationReceived(DispositionReport report) {
    }
}
