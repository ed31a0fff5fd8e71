package org.opencpm.msrp.internal.session;

import java.util.function.Consumer;
import org.opencpm.msrp.MsrpMessage;

/**
 * A byte stream to one peer, seen as messages: a Netty channel on sockets, a recording fake in tests.
 * The transport reports what happens to it by calling its {@link MsrpConnection}'s {@code on…} methods
 * on the connection's scheduler.
 */
public interface MsrpTransport {

    /** Writes {@code message}; if the write fails, {@code onFailure} is called on the connection's scheduler. */
    void write(MsrpMessage message, Consumer<Throwable> onFailure);

    /** False while the outbound buffer is above its high-water mark. */
    boolean isWritable();

    /** Stops or resumes reading from the peer. */
    void setAutoRead(boolean autoRead);

    /** Closes the connection; the connection then receives {@link MsrpConnection#onClosed}. */
    void close();

    /** The peer's address, for logs. */
    String describe();
}
