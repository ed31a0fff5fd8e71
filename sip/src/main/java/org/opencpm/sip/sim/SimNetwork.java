package org.opencpm.sip.sim;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;
import org.opencpm.common.time.VirtualScheduler;
import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory SIP network on virtual time, for tests of everything above the transport.
 *
 * <p>Each {@link #node node} is a {@link org.opencpm.sip.transport.SipTransportLayer} listening on UDP
 * and TCP at one host and port. A message sent is serialized, carried with the configured
 * {@link #setLatency latency} on the {@link VirtualScheduler}, and re-parsed at the receiver, so the
 * codec runs on every hop; the receiving node answers bad requests with 400 and stamps
 * {@code received}/{@code rport} as the real transport does.
 *
 * <p>Faults are named effects on the packets a predicate matches (see {@link SimPacket#request},
 * {@link SimPacket#response}): {@link #dropNext drop}, {@link #dropAll}, {@link #dropRandomly} (seeded),
 * {@link #delayNext delay}, {@link #duplicateNext duplicate}, {@link #reorderNext reorder}; a TCP flow
 * can be {@link SimFlow#close() closed} and a node can be {@link SimNode#stall() stalled}. Every packet
 * and its fate is in the {@link #trace()}. Everything is deterministic for a given seed.
 *
 * <pre>{@code
 * VirtualScheduler clock = new VirtualScheduler();
 * SimNetwork net = new SimNetwork(clock);
 * SimNode server = net.node("127.0.0.1", 5060);
 * SimPeer alice = net.peer("127.0.0.2", 5060);
 * net.dropNext(2, SimPacket.request("INVITE"));
 * }</pre>
 */
public final class SimNetwork {

    private static final Logger log = LoggerFactory.getLogger(SimNetwork.class);

    private final VirtualScheduler scheduler;
    private final Random random;
    private final Map<String, SimNode> nodes = new HashMap<>();
    private final List<Fault> faults = new ArrayList<>();
    private final List<SimPacket> trace = new ArrayList<>();
    private final Map<String, Held> held = new HashMap<>();
    private Duration latency = Duration.ZERO;
    private int nextEphemeralPort = 49152;

    public SimNetwork(VirtualScheduler scheduler) {
        this(scheduler, 0L);
    }

    /** @param seed the seed of the random source of {@link #dropRandomly} */
    public SimNetwork(VirtualScheduler scheduler, long seed) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.random = new Random(seed);
    }

    public VirtualScheduler scheduler() {
        return scheduler;
    }

    /** The node at host:port, created on first use. */
    public SimNode node(String host, int port) {
        return nodes.computeIfAbsent(key(host, port), k -> new SimNode(this, host, port));
    }

    /** A scripted peer on a new node at host:port. */
    public SimPeer peer(String host, int port) {
        return new SimPeer(node(host, port));
    }

    /** One-way delay of every packet; zero by default (delivery still happens in a later task). */
    public void setLatency(Duration latency) {
        this.latency = Objects.requireNonNull(latency);
    }

    /** Every packet sent so far, in order, with its fault if any. */
    public List<SimPacket> trace() {
        return Collections.unmodifiableList(trace);
    }

    /** The packets of the trace that {@code which} matches. */
    public List<SimPacket> trace(Predicate<SimPacket> which) {
        return trace.stream().filter(which).toList();
    }

    // ---------------------------------------------------------------- faults

    /** Drops the next {@code n} packets {@code which} matches. */
    public void dropNext(int n, Predicate<SimPacket> which) {
        faults.add(new Fault("drop", which, n, 1.0, Duration.ZERO));
    }

    /** Drops every packet {@code which} matches until {@link #clearFaults()}. */
    public void dropAll(Predicate<SimPacket> which) {
        faults.add(new Fault("drop", which, -1, 1.0, Duration.ZERO));
    }

    /** Drops each packet {@code which} matches with {@code probability}, drawn from the seeded random source. */
    public void dropRandomly(double probability, Predicate<SimPacket> which) {
        faults.add(new Fault("drop", which, -1, probability, Duration.ZERO));
    }

    /** Delays the next packet {@code which} matches by {@code extra} on top of the latency. */
    public void delayNext(Predicate<SimPacket> which, Duration extra) {
        faults.add(new Fault("delay", which, 1, 1.0, extra));
    }

    /** Delivers the next packet {@code which} matches twice. */
    public void duplicateNext(Predicate<SimPacket> which) {
        faults.add(new Fault("duplicate", which, 1, 1.0, Duration.ZERO));
    }

    /**
     * Holds the next packet {@code which} matches until the next packet between the same two addresses
     * has been sent, and delivers it right after that one.
     */
    public void reorderNext(Predicate<SimPacket> which) {
        faults.add(new Fault("reorder", which, 1, 1.0, Duration.ZERO));
    }

    /** Removes every fault not yet used up. */
    public void clearFaults() {
        faults.clear();
    }

    // ---------------------------------------------------------------- carrying packets

    SimNode nodeAt(InetSocketAddress address) {
        return nodes.get(key(address.getHostString(), address.getPort()));
    }

    int ephemeralPort() {
        return nextEphemeralPort++;
    }

    /**
     * Puts a message on the wire from {@code from} to {@code to}. For TCP {@code arrival} is the
     * receiver's end of the connection; for UDP it is null and made at the receiver.
     */
    void carry(Transport transport, InetSocketAddress from, InetSocketAddress to, SipMessage message, SimFlow arrival) {
        SimPacket packet = new SimPacket(scheduler.elapsed(), transport, from, to, message, message.toBytes(), null);
        Fault fault = matchingFault(packet);
        String pair = from + ">" + to;
        if (fault == null) {
            trace.add(packet);
            schedule(packet, arrival, latency);
        } else {
            packet = packet.withFault(fault.name);
            trace.add(packet);
            switch (fault.name) {
                case "drop" -> log.debug("sim: dropped {}", packet);
                case "delay" -> schedule(packet, arrival, latency.plus(fault.delay));
                case "duplicate" -> {
                    schedule(packet, arrival, latency);
                    schedule(packet, arrival, latency);
                }
                case "reorder" -> {
                    held.put(pair, new Held(packet, arrival));
                    return;
                }
                default -> throw new IllegalStateException("unknown fault " + fault.name);
            }
        }
        Held h = fault == null || !fault.name.equals("reorder") ? held.remove(pair) : null;
        if (h != null) {
            schedule(h.packet, h.arrival, latency);
        }
    }

    private Fault matchingFault(SimPacket packet) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault f = it.next();
            if (!f.which.test(packet)) {
                continue;
            }
            if (f.probability < 1.0 && random.nextDouble() >= f.probability) {
                continue;
            }
            if (f.remaining > 0 && --f.remaining == 0) {
                it.remove();
            }
            return f;
        }
        return null;
    }

    private void schedule(SimPacket packet, SimFlow arrival, Duration delay) {
        scheduler.schedule(delay, () -> {
            SimNode to = arrival != null ? arrival.owner() : nodeAt(packet.to());
            if (arrival != null && !arrival.isOpen()) {
                log.debug("sim: lost on closed connection {}", packet);
                return;
            }
            if (to == null) {
                log.debug("sim: nobody at {} for {}", packet.to(), packet);
                return;
            }
            to.receive(packet, arrival != null ? arrival : SimFlow.udp(packet.to(), packet.from()));
        });
    }

    private static String key(String host, int port) {
        return host + ":" + port;
    }

    private static final class Fault {
        final String name;
        final Predicate<SimPacket> which;
        int remaining;
        final double probability;
        final Duration delay;

        Fault(String name, Predicate<SimPacket> which, int remaining, double probability, Duration delay) {
            this.name = name;
            this.which = Objects.requireNonNull(which);
            this.remaining = remaining;
            this.probability = probability;
            this.delay = delay;
        }
    }

    private record Held(SimPacket packet, SimFlow arrival) {
    }
}
