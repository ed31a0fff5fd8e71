package org.opencpm.bench.msrp;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.opencpm.msrp.MsrpEndpoint;
import org.opencpm.msrp.MsrpSession;
import org.opencpm.msrp.MsrpSessionConfig;
import org.opencpm.msrp.MsrpSessionEvent;
import org.opencpm.msrp.MsrpSessionListener;
import org.opencpm.msrp.MsrpSessionParameters;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.SetupRole;

/**
 * The load generator of {@link MsrpRelayBench}: senders (clients, active, each group of sessions on its own
 * TCP connection as separate UEs would be) on one event loop, and receivers (the next hop, passive, one
 * listening endpoint) on another. Sends are driven on the senders' event loop; receptions are timed on the
 * receivers' event loop against the stamp the sender put in the body.
 */
final class LoadGenerator implements AutoCloseable {

    /** Setup of thousands of sessions at once on a shared machine: generous, and only on the generator's side. */
    private static final MsrpSessionConfig CONFIG = MsrpSessionConfig.DEFAULT.withTimeouts(
            MsrpSessionConfig.DEFAULT.transactionTimeout(), java.time.Duration.ofSeconds(60),
            MsrpSessionConfig.DEFAULT.idleTimeout(), MsrpSessionConfig.DEFAULT.chunkTimeout());

    /** Relays set up at once. */
    static final int SETUP_BATCH = 1000;

    private final EventLoopGroup senderGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop senderLoop = senderGroup.next();
    private final MsrpEndpoint receiver = MsrpEndpoint.builder().config(CONFIG)
            .listen(new InetSocketAddress("127.0.0.1", 0)).threads(1).build();
    private final CpimBody body;

    LoadGenerator(CpimBody body) {
        this.body = body;
    }

    /** {@code n} sender sessions straight to {@code n} receiver sessions: the baseline path. */
    Sessions openDirect(int n, int connections) throws InterruptedException {
        Sessions s = new Sessions(n, connections, null);
        List<MsrpUri> receiverUris = s.receiverUris();
        List<MsrpUri> senderUris = s.senderUris();
        for (int i = 0; i < n; i++) {
            s.openReceiver(receiverUris.get(i), senderUris.get(i));
        }
        for (int i = 0; i < n; i++) {
            s.openSender(i, senderUris.get(i), receiverUris.get(i));
        }
        s.awaitConnected(n);
        return s;
    }

    /**
     * {@code n} sender sessions to {@code n} relays in {@code relay}, whose network legs reach {@code n} receivers;
     * set up in batches of {@value #SETUP_BATCH}, each connected before the next starts, so that on a loaded machine
     * no relay leg waits longer than its connect timeout (10 s by default).
     */
    Sessions openRelayed(RelayProcess relay, int n, int connections) throws Exception {
        Sessions s = new Sessions(n, connections, relay);
        List<MsrpUri> receiverUris = s.receiverUris();
        List<MsrpUri> senderUris = s.senderUris();
        for (int from = 0; from < n; from += SETUP_BATCH) {
            int to = Math.min(n, from + SETUP_BATCH);
            List<MsrpUri[]> relayUris = relay.prepare(to - from);
            for (int i = from; i < to; i++) {
                s.openReceiver(receiverUris.get(i), relayUris.get(i - from)[1]);
            }
            relay.open(senderUris.subList(from, to), receiverUris.subList(from, to));
            for (int i = from; i < to; i++) {
                s.openSender(i, senderUris.get(i), relayUris.get(i - from)[0]);
            }
            s.awaitConnected(to);
        }
        return s;
    }

    @Override
    public void close() {
        receiver.close();
        senderGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A paired run: both phases, and the relay's and this process's CPU over the run. */
    record Paired(Sessions.Phase direct, Sessions.Phase relayed, long relayCpuNanos, long relayJitNanos,
                  long generatorCpuNanos) {
    }

    /**
     * Both paths at once, {@code rate} messages per second each, paced every millisecond (open loop): each
     * message on the direct path has a twin on the relay path sent at the same instant with the same stamp (their
     * order alternating), so that both see the same machine load and the relay's added latency can be taken per
     * pair ({@link Latencies#pairedDifference}) rather than as a difference of percentiles of separate runs.
     */
    Paired paired(Sessions direct, Sessions relayed, double seconds, int rate, int sampleCapacity)
            throws InterruptedException {
        Sessions.Phase d = direct.new Phase(Integer.MAX_VALUE, rate, sampleCapacity);
        Sessions.Phase r = relayed.new Phase(Integer.MAX_VALUE, rate, sampleCapacity);
        direct.phase = d;
        relayed.phase = r;
        long relay0 = relayed.relay.cpuNanos();
        long relayJit0 = relayed.relay.jitCpuNanos();
        long self = ProcessHandle.current().pid();
        long gen0 = RelayProcess.cpuNanos(self);
        long start = System.nanoTime();
        d.startNanos = start;
        r.startNanos = start;
        ScheduledFuture<?> ticker = senderLoop.scheduleAtFixedRate(() -> {
            long due = (long) ((System.nanoTime() - start) * (double) rate / 1e9);
            long limit = Math.max(1, rate / 10);
            for (long k = 0; d.sent.get() < due && k < limit; k++) {
                long stamp = System.nanoTime();
                if ((d.sent.get() & 1) == 0) {
                    d.sendOne(stamp);
                    r.sendOne(stamp);
                } else {
                    r.sendOne(stamp);
                    d.sendOne(stamp);
                }
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        Thread.sleep((long) (seconds * 1000));
        ticker.cancel(false);
        d.stop();
        r.stop();
        long relayCpu = relayed.relay.cpuNanos() - relay0;
        long relayJit = relayed.relay.jitCpuNanos() - relayJit0;
        long genCpu = RelayProcess.cpuNanos(self) - gen0;
        d.awaitDrained();
        r.awaitDrained();
        direct.phase = null;
        relayed.phase = null;
        return new Paired(d, r, relayCpu, relayJit, genCpu);
    }

    /** Counters of a set of sessions; written on event loops, read by the main thread. */
    static final class Counters {
        final AtomicLong connected = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
        final AtomicLong sendFailed = new AtomicLong();
    }

    /** n sender sessions, n receiver sessions, and the phases run on them one after the other. */
    final class Sessions implements AutoCloseable {
        private final int n;
        private final List<MsrpEndpoint> senderEndpoints = new ArrayList<>();
        private final List<MsrpSession> senders = new ArrayList<>();
        private final List<MsrpSession> receivers = new ArrayList<>();
        final Counters counters = new Counters();
        private volatile Phase phase;
        /** The relay process, or null on the direct path. */
        private final RelayProcess relay;

        private final MsrpSessionListener senderListener = event -> {
            if (event instanceof MsrpSessionEvent.Connected) {
                counters.connected.incrementAndGet();
            } else if (event instanceof MsrpSessionEvent.ConnectionLost) {
                counters.lost.incrementAndGet();
            } else if (event instanceof MsrpSessionEvent.SendFailed) {
                counters.sendFailed.incrementAndGet();
            }
        };

        private final MsrpSessionListener receiverListener = event -> {
            if (event instanceof MsrpSessionEvent.MessageReceived) {
                Phase p = phase;
                if (p != null) {
                    p.onReceived(((MsrpSessionEvent.MessageReceived) event).message().body());
                }
            } else if (event instanceof MsrpSessionEvent.Connected) {
                counters.connected.incrementAndGet();
            } else if (event instanceof MsrpSessionEvent.ConnectionLost) {
                counters.lost.incrementAndGet();
            }
        };

        Sessions(int n, int connections, RelayProcess relay) {
            this.n = n;
            this.relay = relay;
            // One endpoint per client connection: active sessions of one endpoint to one relay share a connection.
            for (int c = 0; c < Math.max(1, Math.min(connections, n)); c++) {
                senderEndpoints.add(MsrpEndpoint.builder().config(CONFIG).eventLoopGroup(senderGroup).build());
            }
        }

        private List<MsrpUri> senderUris() {
            List<MsrpUri> uris = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                uris.add(senderEndpoints.get(i % senderEndpoints.size()).newLocalUri());
            }
            return uris;
        }

        private List<MsrpUri> receiverUris() {
            List<MsrpUri> uris = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                uris.add(receiver.newLocalUri());
            }
            return uris;
        }

        private void openReceiver(MsrpUri local, MsrpUri peer) {
            receivers.add(receiver.openSession(new MsrpSessionParameters(local, List.of(peer), SetupRole.PASSIVE,
                    List.of(CpimBody.CONTENT_TYPE)), receiverListener));
        }

        private void openSender(int i, MsrpUri local, MsrpUri peer) {
            senders.add(senderEndpoints.get(i % senderEndpoints.size()).openSession(new MsrpSessionParameters(local,
                    List.of(peer), SetupRole.ACTIVE, List.of(CpimBody.CONTENT_TYPE)), senderListener));
        }

        /** Waits until the first {@code count} sender sessions and receiver sessions are connected. */
        private void awaitConnected(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (counters.connected.get() < 2L * count) {
                if (counters.lost.get() > 0 || System.nanoTime() > deadline) {
                    throw new IllegalStateException("setup failed: " + counters.connected.get() + " of " + 2 * count
                            + " sessions connected, " + counters.lost.get() + " lost");
                }
                Thread.sleep(20);
            }
        }

        int size() {
            return n;
        }

        int connections() {
            return senderEndpoints.size();
        }

        /** Sends as fast as the window of {@code window} messages in flight (sent, not yet received) allows. */
        Phase fullSpeed(double seconds, int window, int sampleCapacity) throws InterruptedException {
            Phase p = new Phase(window, 0, sampleCapacity);
            return run(p, seconds);
        }

        /** Sends {@code rate} messages per second, paced every millisecond, whatever the receptions. */
        Phase fixedRate(double seconds, int rate, int sampleCapacity) throws InterruptedException {
            Phase p = new Phase(Integer.MAX_VALUE, rate, sampleCapacity);
            return run(p, seconds);
        }

        private Phase run(Phase p, double seconds) throws InterruptedException {
            phase = p;
            long self = ProcessHandle.current().pid();
            long relay0 = relay == null ? 0 : relay.cpuNanos();
            long relayJit0 = relay == null ? 0 : relay.jitCpuNanos();
            long gen0 = RelayProcess.cpuNanos(self);
            long genJit0 = RelayProcess.jitCpuNanos(self);
            p.startNanos = System.nanoTime();
            senderLoop.execute(p::start);
            Thread.sleep((long) (seconds * 1000));
            p.stop();
            p.relayCpuNanos = relay == null ? -1 : relay.cpuNanos() - relay0;
            p.relayJitNanos = relay == null ? 0 : relay.jitCpuNanos() - relayJit0;
            p.generatorCpuNanos = RelayProcess.cpuNanos(self) - gen0;
            p.generatorJitNanos = RelayProcess.jitCpuNanos(self) - genJit0;
            p.awaitDrained();
            phase = null;
            return p;
        }

        @Override
        public void close() {
            senders.forEach(MsrpSession::close);
            receivers.forEach(MsrpSession::close);
        }

        /**
         * One measured run. Counters start when the first send is made; {@link #window} bounds sent-minus-received
         * (full speed), or {@link #rate} paces the sends (fixed rate). Send state is touched on the sender loop only.
         */
        final class Phase {
            private final int window;
            private final int rate;
            final Latencies latencies;
            final AtomicLong sent = new AtomicLong();
            final AtomicLong received = new AtomicLong();
            private final AtomicBoolean parked = new AtomicBoolean();
            private volatile boolean running = true;
            private int next;
            private long startNanos;
            private ScheduledFuture<?> ticker;
            long wallNanos;
            long receivedAtStop;
            /**
             * CPU used during the phase by the relay process (-1 on the direct path) and by this process, and the
             * part of each used by JIT compiler threads.
             */
            long relayCpuNanos;
            long relayJitNanos;
            long generatorCpuNanos;
            long generatorJitNanos;

            Phase(int window, int rate, int sampleCapacity) {
                this.window = window;
                this.rate = rate;
                this.latencies = new Latencies(sampleCapacity);
            }

            private void start() {
                if (rate > 0) {
                    ticker = senderLoop.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.MILLISECONDS);
                } else {
                    pump();
                }
            }

            /** Full speed: fill the window; when full, park until the receiver has taken half of it. */
            private void pump() {
                while (true) {
                    int burst = 0;
                    while (running && sent.get() - received.get() < window && burst < 4096) {
                        sendOne();
                        burst++;
                    }
                    if (!running) {
                        return;
                    }
                    if (burst == 4096) {
                        senderLoop.execute(this::pump); // let the loop do its I/O
                        return;
                    }
                    parked.set(true);
                    if (sent.get() - received.get() > window / 2 || !parked.compareAndSet(true, false)) {
                        return;
                    }
                }
            }

            /** Fixed rate: catch up with the schedule, at most 100 ms of sends at once. */
            private void tick() {
                if (!running) {
                    ticker.cancel(false);
                    return;
                }
                long due = (long) ((System.nanoTime() - startNanos) * (double) rate / 1e9);
                long limit = Math.max(1, rate / 10);
                for (long k = 0; sent.get() < due && k < limit; k++) {
                    sendOne();
                }
            }

            private void sendOne() {
                sendOne(System.nanoTime());
            }

            private void sendOne(long stamp) {
                MsrpSession s = senders.get(next);
                next = next + 1 == senders.size() ? 0 : next + 1;
                s.send(CpimBody.CONTENT_TYPE, body.stamped(stamp));
                sent.incrementAndGet();
            }

            /** On the receivers' event loop. */
            private void onReceived(byte[] b) {
                long stamp = body.stampOf(b);
                latencies.record(stamp, System.nanoTime() - stamp);
                long r = received.incrementAndGet();
                if (parked.get() && sent.get() - r <= window / 2 && parked.compareAndSet(true, false)) {
                    senderLoop.execute(this::pump);
                }
            }

            private void stop() {
                running = false;
                wallNanos = System.nanoTime() - startNanos;
                receivedAtStop = received.get();
            }

            private void awaitDrained() throws InterruptedException {
                Thread.sleep(5); // the sender loop sees running == false
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (received.get() < sent.get() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
            }

            /** Messages received per second of the phase. */
            double throughput() {
                return receivedAtStop / (wallNanos / 1e9);
            }

            /** The relay's CPU time without its JIT compiler threads (GC and everything else included). */
            long relayCpuWithoutJitNanos() {
                return relayCpuNanos - relayJitNanos;
            }

            long missing() {
                return sent.get() - received.get();
            }
        }
    }
}
