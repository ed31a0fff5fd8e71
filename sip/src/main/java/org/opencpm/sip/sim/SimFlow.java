package org.opencpm.sip.sim;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.Transport;

/**
 * A flow on the {@link SimNetwork}: for UDP an address pair (always open, equal by value), for TCP one
 * end of a simulated connection, which {@link #close()} closes at both ends (the "close" fault).
 */
public final class SimFlow implements Flow {

    private final Transport transport;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final Connection connection;

    private SimFlow(Transport transport, InetSocketAddress local, InetSocketAddress remote, Connection connection) {
        this.transport = transport;
        this.local = local;
        this.remote = remote;
        this.connection = connection;
    }

    static SimFlow udp(InetSocketAddress local, InetSocketAddress remote) {
        return new SimFlow(Transport.UDP, local, remote, null);
    }

    /** A TCP connection between two nodes; returns its two ends, the connecting side first. */
    static SimFlow[] connect(Transport t, SimNode client, InetSocketAddress clientAddr, SimNode server, InetSocketAddress serverAddr) {
        Connection c = new Connection(client, server);
        SimFlow a = new SimFlow(t, clientAddr, serverAddr, c);
        SimFlow b = new SimFlow(t, serverAddr, clientAddr, c);
        c.ends = new SimFlow[] {a, b};
        return c.ends;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public InetSocketAddress local() {
        return local;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public boolean isOpen() {
        return connection == null || connection.open;
    }

    /** Closes a TCP connection at both ends; in-flight messages on it are lost. No effect on UDP. */
    public void close() {
        if (connection != null && connection.open) {
            connection.open = false;
            connection.client.forget(connection.ends[0]);
            connection.server.forget(connection.ends[1]);
        }
    }

    /** The other end of a TCP connection, or null for UDP. */
    SimFlow peerEnd() {
        return connection == null ? null : (connection.ends[0] == this ? connection.ends[1] : connection.ends[0]);
    }

    /** The node this end of a TCP connection belongs to, or null for UDP. */
    SimNode owner() {
        return connection == null ? null : (connection.ends[0] == this ? connection.client : connection.server);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof SimFlow f && connection == null && f.connection == null && transport == f.transport
                && local.equals(f.local) && remote.equals(f.remote);
    }

    @Override
    public int hashCode() {
        return connection != null ? System.identityHashCode(connection) : Objects.hash(transport, local, remote);
    }

    @Override
    public String toString() {
        return transport + " " + local + " -> " + remote + (isOpen() ? "" : " (closed)");
    }

    private static final class Connection {
        final SimNode client;
        final SimNode server;
        SimFlow[] ends;
        boolean open = true;

        Connection(SimNode client, SimNode server) {
            this.client = client;
            this.server = server;
        }
    }
}
