package org.opencpm.sip.transport.internal;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.SendListener;
import org.opencpm.sip.transport.Transport;

/**
 * One TCP connection, inbound or outbound, as a {@link Flow}. Touched only on the event loop.
 *
 * <p>An outbound connection is usable as soon as the connect starts: messages written before it
 * completes wait in {@link #pending} (at most {@link #MAX_PENDING}) and are written or failed when
 * it completes.
 */
public final class TcpConnection implements Flow {

    /** Messages that may wait for a connect to complete. */
    public static final int MAX_PENDING = 256;

    record Pending(SipMessage message, SendListener listener) {
    }

    private final InetSocketAddress remote;
    private final boolean outbound;
    private Channel channel;
    List<Pending> pending;

    /** The message timer (slowloris guard) and the decoded-message count when it was armed. */
    ScheduledFuture<?> messageTimer;
    long armedAtMessage;

    TcpConnection(InetSocketAddress remote, boolean outbound) {
        this.remote = remote;
        this.outbound = outbound;
        this.pending = outbound ? new ArrayList<>(4) : null;
    }

    void attach(Channel ch) {
        this.channel = ch;
    }

    public Channel channel() {
        return channel;
    }

    public boolean isOutbound() {
        return outbound;
    }

    /** True while connecting: writes are queued. */
    boolean isConnecting() {
        return pending != null;
    }

    @Override
    public Transport transport() {
        return Transport.TCP;
    }

    @Override
    public InetSocketAddress local() {
        return channel == null ? null : (InetSocketAddress) channel.localAddress();
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public boolean isOpen() {
        return channel != null && channel.isOpen();
    }

    @Override
    public String toString() {
        return "tcp " + (outbound ? "to " : "from ") + remote;
    }
}
