package org.opencpm.sip.transport.internal;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.Transport;

/** A UDP flow: our listening socket and the peer's address (RFC 5626 §3). Open while the socket is. */
public record UdpFlow(Channel channel, InetSocketAddress remote) implements Flow {

    @Override
    public Transport transport() {
        return Transport.UDP;
    }

    @Override
    public InetSocketAddress local() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public String toString() {
        return "udp " + local() + " <-> " + remote;
    }
}
