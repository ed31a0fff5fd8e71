package org.opencpm.sip.transport.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open TCP connections by remote address, inbound and outbound alike, so that a request or
 * response to an address reuses a connection to it whichever side opened it (RFC 3261 §18.1.1,
 * §18.2.2), and the count bounded by {@code maxTcpConnections}. Touched only on the event loop,
 * except {@link #open()} which any thread may read.
 */
final class ConnectionTable {

    private final Map<InetSocketAddress, TcpConnection> byRemote = new HashMap<>();
    private final int max;
    private volatile int open;

    ConnectionTable(int max) {
        this.max = max;
    }

    /** Takes a slot for a new connection; false if {@code max} are open. */
    boolean reserve() {
        if (open >= max) {
            return false;
        }
        open++;
        return true;
    }

    void release() {
        open--;
    }

    int open() {
        return open;
    }

    int max() {
        return max;
    }

    TcpConnection get(InetSocketAddress remote) {
        return byRemote.get(remote);
    }

    void put(TcpConnection c) {
        byRemote.put(c.remote(), c);
    }

    void remove(TcpConnection c) {
        byRemote.remove(c.remote(), c);
    }

    List<TcpConnection> all() {
        return new ArrayList<>(byRemote.values());
    }
}
