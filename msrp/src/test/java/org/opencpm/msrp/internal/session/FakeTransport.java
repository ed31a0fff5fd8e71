package org.opencpm.msrp.internal.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.opencpm.msrp.LossCause;
import org.opencpm.msrp.MsrpMessage;

/** A transport that records what is written; the test plays the peer and the network faults. */
final class FakeTransport implements MsrpTransport {

    final List<MsrpMessage> written = new ArrayList<>();
    MsrpConnection connection;
    boolean writable = true;
    boolean autoRead = true;
    boolean closed;
    boolean failWrites;

    @Override
    public void write(MsrpMessage message, Consumer<Throwable> onFailure) {
        if (failWrites) {
            onFailure.accept(new IOException("Broken pipe"));
            return;
        }
        written.add(message);
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public void setAutoRead(boolean on) {
        autoRead = on;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            connection.onClosed(LossCause.CONNECTION_CLOSED, "closed");
        }
    }

    /** The peer reset the connection. */
    void reset() {
        closed = true;
        connection.onClosed(LossCause.CONNECTION_CLOSED, "Connection reset by peer");
    }

    void setWritable(boolean value) {
        writable = value;
        connection.onWritabilityChanged();
    }

    @Override
    public String describe() {
        return "fake-peer";
    }

    /** Removes and returns what was written so far. */
    List<MsrpMessage> take() {
        List<MsrpMessage> out = new ArrayList<>(written);
        written.clear();
        return out;
    }
}
