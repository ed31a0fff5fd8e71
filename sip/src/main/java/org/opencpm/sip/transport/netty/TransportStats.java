package org.opencpm.sip.transport.netty;

/**
 * Counters of a {@link NettySipTransport} since it started; a snapshot, readable from any thread.
 *
 * @param received           well-formed messages handed to the layer above
 * @param sent               messages written to the network
 * @param badRequests        malformed requests the transport answered itself (400, 505, 513)
 * @param dropped            input that could not be answered: broken responses, garbage, broken ACKs,
 *                           streams closed because they could not be framed
 * @param connections        TCP connections open now, inbound and outbound
 * @param refusedConnections TCP connections closed at once because {@code maxTcpConnections} were open
 */
public record TransportStats(long received, long sent, long badRequests, long dropped, int connections,
        long refusedConnections) {
}
