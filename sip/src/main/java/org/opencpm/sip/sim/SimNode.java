package org.opencpm.sip.sim;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.opencpm.sip.codec.ParseResult;
import org.opencpm.sip.codec.SipMessageParser;
import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transport.ErrorResponses;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.HostPort;
import org.opencpm.sip.transport.Inbound;
import org.opencpm.sip.transport.InboundHandler;
import org.opencpm.sip.transport.ResponseRouting;
import org.opencpm.sip.transport.SendListener;
import org.opencpm.sip.transport.SipTransportLayer;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;
import org.opencpm.sip.transport.ViaStamping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host:port on the {@link SimNetwork}, listening on UDP and TCP: a {@link SipTransportLayer} with
 * the real transport's duties (RFC 3261 §18), through the same {@link ViaStamping} and
 * {@link ErrorResponses} as the Netty transport: parse what arrives, answer a {@link ParseResult.BadRequest}
 * with its status and the fault as reason phrase, drop unparseable input and count it, stamp
 * {@code received}/{@code rport} on requests (§18.2.1, RFC 3581 §4), and route responses on the
 * request's connection or by {@link ResponseRouting}. TCP connections are made on first send to a
 * target and reused; a send to a TCP address where no node listens fails with "connection refused".
 */
public final class SimNode implements SipTransportLayer {

    private static final Logger log = LoggerFactory.getLogger(SimNode.class);

    private final SimNetwork net;
    private final String host;
    private final int port;
    private final InetSocketAddress address;
    private final SipMessageParser parser = new SipMessageParser();
    private final Map<InetSocketAddress, SimFlow> connections = new HashMap<>();
    private final Queue<Runnable> stalled = new ArrayDeque<>();
    private InboundHandler handler;
    private boolean stall;
    private int unparseable;

    SimNode(SimNetwork net, String host, int port) {
        this.net = net;
        this.host = host;
        this.port = port;
        this.address = new InetSocketAddress(host, port);
    }

    public InetSocketAddress address() {
        return address;
    }

    /** This node as a target over {@code transport}. */
    public Target target(Transport transport) {
        return new Target(transport, address);
    }

    public SimNetwork network() {
        return net;
    }

    @Override
    public void setHandler(InboundHandler handler) {
        this.handler = handler;
    }

    @Override
    public HostPort sentBy(Transport transport) {
        return new HostPort(host, port);
    }

    @Override
    public void send(SipMessage message, Target target, SendListener listener) {
        if (!target.transport().isReliable()) {
            net.carry(Transport.UDP, address, target.address(), message, null);
            return;
        }
        SimFlow flow = connections.get(target.address());
        if (flow == null || !flow.isOpen()) {
            SimNode server = net.nodeAt(target.address());
            if (server == null) {
                failLater(listener, "connection refused by " + target);
                return;
            }
            InetSocketAddress local = new InetSocketAddress(host, net.ephemeralPort());
            SimFlow[] ends = SimFlow.connect(target.transport(), this, local, server, target.address());
            connections.put(target.address(), ends[0]);
            server.connections.put(local, ends[1]);
            flow = ends[0];
        }
        sendOn(flow, message, listener);
    }

    @Override
    public void send(SipMessage message, Flow flow, SendListener listener) {
        if (flow.transport().isReliable() && flow instanceof SimFlow f && f.isOpen()) {
            sendOn(f, message, listener);
        } else {
            send(message, flow.target(), listener);
        }
    }

    @Override
    public void sendResponse(SipResponse response, Flow requestFlow, SendListener listener) {
        if (requestFlow.transport().isReliable() && requestFlow instanceof SimFlow f && f.isOpen()) {
            sendOn(f, response, listener);
        } else {
            send(response, ResponseRouting.target(response.topVia()), listener);
        }
    }

    private void sendOn(SimFlow flow, SipMessage message, SendListener listener) {
        if (!flow.isOpen()) {
            failLater(listener, "connection closed: " + flow);
            return;
        }
        net.carry(flow.transport(), flow.local(), flow.remote(), message, flow.peerEnd());
    }

    private void failLater(SendListener listener, String reason) {
        log.debug("sim {}: send failed: {}", address, reason);
        net.scheduler().execute(() -> listener.onSendFailure(reason));
    }

    /** The open TCP connections of this node. */
    public List<SimFlow> connections() {
        return new ArrayList<>(connections.values());
    }

    /** Closes every TCP connection of this node (the "close" fault). */
    public void closeConnections() {
        for (SimFlow f : connections()) {
            f.close();
        }
    }

    void forget(SimFlow flow) {
        connections.values().remove(flow);
    }

    /** Stops handing received messages up (the "stall" fault); they wait until {@link #resume()}. */
    public void stall() {
        stall = true;
    }

    /** Hands up, in order, what arrived while stalled, and resumes normal delivery. */
    public void resume() {
        stall = false;
        while (!stalled.isEmpty() && !stall) {
            stalled.poll().run();
        }
    }

    /** How many received messages could not be parsed or answered and were dropped. */
    public int unparseableCount() {
        return unparseable;
    }

    void receive(SimPacket packet, SimFlow arrival) {
        if (stall) {
            stalled.add(() -> receive(packet, arrival));
            return;
        }
        ParseResult result = parser.parseDatagram(packet.bytes(), 0, packet.bytes().length);
        if (result instanceof ParseResult.Parsed parsed) {
            SipMessage m = parsed.message();
            if (m instanceof SipRequest request) {
                m = ViaStamping.stamp(request, arrival.remote());
            }
            if (handler == null) {
                log.debug("sim {}: no handler for {}", address, m.summary());
                return;
            }
            handler.onMessage(new Inbound(m, arrival));
        } else if (result instanceof ParseResult.BadRequest bad) {
            answerBadRequest(bad, arrival);
        } else if (result instanceof ParseResult.Unparseable u) {
            unparseable++;
            log.debug("sim {}: dropped unparseable message: {} at {}", address, u.fault(), u.offset());
        }
    }

    /** The 400 (or 505, 513) the transport sends for a request it cannot parse, with the fault as reason phrase. */
    private void answerBadRequest(ParseResult.BadRequest bad, SimFlow arrival) {
        SipResponse response = ErrorResponses.forBadRequest(bad);
        log.debug("sim {}: answering bad request with {}", address, response.summary());
        // RFC 3581: straight back to the source, on the same connection for TCP.
        if (arrival.transport().isReliable()) {
            sendOn(arrival, response, SendListener.IGNORE);
        } else {
            net.carry(Transport.UDP, address, arrival.remote(), response, null);
        }
    }

    @Override
    public String toString() {
        return "SimNode[" + host + ":" + port + "]";
    }
}
