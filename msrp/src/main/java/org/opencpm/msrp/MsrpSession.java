package org.opencpm.msrp;

import java.util.List;

/**
 * One MSRP session (RFC 4975): the local URI, the remote path, and a connection bound to them.
 *
 * <p>Lifecycle: open with {@link MsrpEndpoint#openSession}; the session connects (active) or waits for
 * the peer (passive) and then reports {@link MsrpSessionEvent.Connected}. Messages sent before that are
 * queued. It ends with {@link #close()} ({@link MsrpSessionEvent.Closed}) or with
 * {@link MsrpSessionEvent.ConnectionLost}; either way unacknowledged messages are listed in the event.
 *
 * <p>Threading: every method may be called from any thread; the work runs on the session's scheduler,
 * which also calls the listener.
 */
public interface MsrpSession {

    /** This endpoint's URI for the session (its {@code a=path}). */
    MsrpUri localUri();

    /** The path to the peer, first hop first (the peer's {@code a=path}). */
    List<MsrpUri> remotePath();

    /**
     * Sends {@code body} as one message, in chunks of {@link MsrpSessionConfig#chunkSize()}, with
     * Failure-Report yes and Success-Report no.
     *
     * @return the message as queued, with its Message-ID
     */
    OutgoingMessage send(String contentType, byte[] body);

    /** Sends a prepared message (own Message-ID or report requests). */
    void send(OutgoingMessage message);

    /**
     * Sends a REPORT for a message received on this session (RFC 4975 §7.1.2), e.g. a relay passing a
     * success report on. {@code total} is the size of the whole message.
     */
    void sendReport(String messageId, MsrpStatus status, long total);

    /** A new Message-ID, unique within this session. */
    String newMessageId();

    /** False while unacknowledged bytes are above the high-water mark or the connection's buffer is full. */
    boolean isWritable();

    /** Stops (false) or resumes (true) reading from this session's connection; for back-pressure. */
    void setReading(boolean reading);

    /** True once closed or lost. */
    boolean isClosed();

    /** Closes the session; the connection closes too when no other session uses it. */
    void close();
}
