package org.opencpm.msrp;

import java.util.List;

/**
 * What an {@link MsrpSession} tells its {@link MsrpSessionListener}. A switch over these records is
 * exhaustive: the compiler checks that a listener handles every kind.
 */
public sealed interface MsrpSessionEvent {

    /** The connection is up and bound to the session; queued messages are being sent. */
    record Connected(MsrpSession session) implements MsrpSessionEvent {
    }

    /** A whole message arrived (all chunks, reassembled). */
    record MessageReceived(MsrpSession session, IncomingMessage message) implements MsrpSessionEvent {
    }

    /** A REPORT arrived for a message this session sent (RFC 4975 §7.1.2). */
    record ReportReceived(MsrpSession session, String messageId, MsrpStatus status, ByteRange byteRange)
            implements MsrpSessionEvent {
    }

    /** Every chunk of a message was answered 200 by the next hop. */
    record MessageDelivered(MsrpSession session, OutgoingMessage message) implements MsrpSessionEvent {
    }

    /**
     * A message was refused by the next hop ({@code code} is its error response, other than 408/481), or was
     * refused here before sending ({@code code} 0: session closed, send queue full, over the peer's max-size).
     * The connection stays up.
     */
    record SendFailed(MsrpSession session, OutgoingMessage message, int code, String comment)
            implements MsrpSessionEvent {
    }

    /** The session's writability changed; relays stop and resume reading the other leg on it. */
    record WritabilityChanged(MsrpSession session, boolean writable) implements MsrpSessionEvent {
    }

    /**
     * The connection was lost after setup, or setup failed ({@link LossCause#isSetup()}); the session is
     * closed. {@code undelivered} lists, in order, the messages not acknowledged by the peer: per AMB-01
     * they go to deferral and no positive-delivery IMDN is generated for them.
     */
    record ConnectionLost(MsrpSession session, LossCause cause, String detail, List<OutgoingMessage> undelivered)
            implements MsrpSessionEvent {
    }

    /** The session was closed by {@link MsrpSession#close()}. */
    record Closed(MsrpSession session, List<OutgoingMessage> undelivered) implements MsrpSessionEvent {
    }
}
