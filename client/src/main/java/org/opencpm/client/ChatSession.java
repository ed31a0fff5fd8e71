package org.opencpm.client;

import java.util.concurrent.CompletableFuture;

/**
 * One 1-1 CPM chat session: a SIP dialog (INVITE/200/ACK) and the MSRP session it negotiated. Opened
 * by {@link CpmClient#openChat(String)} or accepted from a peer's invitation; it lives until either
 * side sends BYE or the MSRP connection is lost.
 *
 * <p>Lifecycle: {@link State#ACTIVE} once the INVITE is answered, then {@link State#CLOSED}; a
 * closed session refuses to send. Methods may be called from any thread; the returned futures
 * complete on the client's event thread, so do not block in their callbacks.
 */
public interface ChatSession {

    /** Where a session is in its life. */
    enum State {
        /** Answered: messages may be sent (they are queued until MSRP is connected). */
        ACTIVE,
        /** Ended by BYE (either side), by loss of the MSRP connection, or by the client closing. */
        CLOSED
    }

    /** Why a session ended. */
    enum CloseReason {
        /** This side sent BYE ({@link #close()}). */
        LOCAL_BYE,
        /** The peer (or the server on its behalf) sent BYE. */
        REMOTE_BYE,
        /** The MSRP connection was lost; this side sent BYE. */
        MEDIA_LOST,
        /** The peer did not refresh the session timer in time (RFC 4028 §10); this side sent BYE. */
        SESSION_EXPIRED,
        /** The dialog ended without BYE (e.g. a 481 to an in-dialog request, no ACK for our 200). */
        DIALOG_LOST
    }

    /** The peer's address, e.g. {@code sip:bob@example.com}. */
    String peer();

    /** True if the peer invited us. */
    boolean isIncoming();

    /** The Conversation-ID of the session. */
    String conversationId();

    /** The Contribution-ID of the session. */
    String contributionId();

    State state();

    /**
     * Sends a text message as CPIM over MSRP, asking for positive-delivery and display notifications.
     *
     * @return completes with the message's {@code imdn.Message-ID} once the next MSRP hop has accepted
     *     it; fails with {@link CpmException} if it refuses it or the session is closed
     */
    CompletableFuture<String> send(String text);

    /**
     * Ends the session: BYE with {@code Reason: SIP;cause=200} (the user ended it), then the MSRP
     * session closes. Completes when the BYE is answered (or failed); idempotent.
     */
    CompletableFuture<Void> close();
}
