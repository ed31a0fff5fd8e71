package org.opencpm.bench.msrp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.opencpm.bench.msrp.LoadGenerator.Sessions;
import org.slf4j.LoggerFactory;

/**
 * MSRP load tool and relay benchmark (issue 3, "Speed"): drives SENDs through {@link org.opencpm.msrp.MsrpRelay}s
 * on loopback and prints SEND/s, the latency the relay adds, and the heap an idle relayed session costs.
 *
 * <p>Set-up, all on 127.0.0.1:
 * <pre>
 *   this JVM (load generator)                          child JVM ({@link RelayServer})
 *   N sender sessions, active  ── K TCP connections ──▶ one MsrpEndpoint, N relays (FORWARD_ALL hook):
 *     (one event loop)                                    client leg passive, network leg active
 *   N receiver sessions, passive ◀── 1 TCP connection ──  (one event loop by default)
 *     (one listening endpoint, one event loop)
 * </pre>
 * This is the Participating Function in B2BUA mode: the client connects to the PF, the PF connects to the
 * next hop and shares that connection among sessions (RFC 4975 §8.1). The relay runs in its own JVM so that
 * its CPU time ({@code /proc/<pid>/stat} utime + stime, GC and JIT included) can be told from the load
 * generator's: on a shared 2-core machine the generator competes for CPU, so the fair throughput figure is
 * <b>SEND per CPU-second of the relay process</b>, i.e. per core.
 *
 * <p>Bodies are {@code message/cpim} chat messages (CPIM and IMDN headers, plain text) of {@code --size} bytes,
 * one chunk each; each carries the sender's {@link System#nanoTime()}, and the receiver (same JVM) takes the
 * difference. Phases:
 * <ol>
 *   <li><b>load</b>: the relay path (N senders → N relays → N receivers) and, as the baseline, the <b>direct</b>
 *       path (the same senders straight to receivers, no relay) are both set up, warmed up at full speed (at
 *       least {@code --warmup} seconds, longer while JIT compilation goes on), then measured at full speed and at
 *       each of {@code --rates}: {@code --duration} seconds per path, in {@code --slices} slices alternating
 *       direct and relay, so that both paths see the same machine load. Full speed keeps {@code --window}
 *       messages in flight (sent, not yet received); fixed rates are paced every millisecond, open loop. The
 *       <i>added latency</i> is the relay path's percentile minus the direct path's in the same phase.</li>
 *   <li><b>paired</b>: both paths at once at {@code --paired-rate} each, a moderate rate far from saturation; every
 *       direct message has a relayed twin sent at the same instant with the same stamp, so the relay's added latency
 *       is measured per pair (relayed minus direct), and the machine's own hiccups, common to both, cancel out. This
 *       gives the latency verdict (p50/p99/p99.9 added).</li>
 *   <li><b>idle heap</b>: the relay's heap after full GCs, before and after opening {@code --idle} more relays,
 *       all connected and then idle; the difference divided by the count. Measured twice: with every client leg
 *       on one shared TCP connection (the cost of the sessions alone), then with {@code --idle-connections}
 *       client connections (default: one per client, as separate phones would have), left idle for
 *       {@code --idle-settle} seconds first so that the accepted connections' 10 s binding timers and the sessions'
 *       30 s transaction sweeps are gone.</li>
 * </ol>
 * Targets (issue 3): at least 50,000 SEND (≤ 1 KB) per second per core through the relay, added p99 at most
 * 2 ms, at most 4 KB of heap per idle relayed session.
 *
 * <p>Run it from the repository root:
 * <pre>
 * mvn -B -ntp -q package -DskipTests -pl bench -am
 * java -cp "bench/target/opencpm-bench-0.1.0-SNAPSHOT.jar:dist/target/lib/*" org.opencpm.bench.msrp.MsrpRelayBench [options]
 * </pre>
 * Options (defaults in brackets): {@code --sessions N} [100], {@code --connections K} [10] client connections
 * for the load phases, {@code --size BYTES} [1024], {@code --window W} [256], {@code --duration S} [4] per path
 * and phase, {@code --slices S} [4], {@code --warmup S} [6] (the minimum: warm-up goes on, up to 30 s, while the
 * JIT compilers take more than 5% of the CPU of the process under test), {@code --rates R,R,…}
 * [1000,10000,25000] ({@code ""} for none), {@code --idle M} [10000] (0 skips the heap phase),
 * {@code --idle-connections K} [M], {@code --idle-settle S} [31], {@code --idle-shared B} [true], {@code --paired-rate R} [2000] and
 * {@code --paired-duration S} [10] (the paired phase below; rate 0 skips it), {@code --relay-threads T} [1] event loops of
 * the relay, {@code --relay-jvm "OPTS"} [""] extra JVM options of the relay process, e.g.
 * {@code "-XX:StartFlightRecording=filename=/tmp/relay.jfr,settings=profile,dumponexit=true"} to profile it. A
 * run with the defaults
 * takes about 2 minutes. Logging is at ERROR unless {@code -Dopencpm.bench.log=LEVEL}.
 */
public final class MsrpRelayBench {

    private static final int SAMPLES = 4_000_000;
    private static final double MAX_WARMUP_SECONDS = 30;

    private MsrpRelayBench() {
    }

    /** One line of the results table. */
    private record Row(String phase, int rate, String path, Slices result) {

        /** False if this path did not carry the offered rate (the machine or the generator fell behind). */
        boolean sustained() {
            return rate == 0 || result.throughput() >= 0.95 * rate;
        }
    }

    /** The slices of one phase on one path, added up. */
    static final class Slices {
        final List<Sessions.Phase> slices = new ArrayList<>();

        void add(Sessions.Phase p) {
            slices.add(p);
        }

        long wallNanos() {
            return slices.stream().mapToLong(p -> p.wallNanos).sum();
        }

        long received() {
            return slices.stream().mapToLong(p -> p.receivedAtStop).sum();
        }

        double throughput() {
            return received() / (wallNanos() / 1e9);
        }

        boolean relayed() {
            return slices.get(0).relayCpuNanos >= 0;
        }

        long relayCpuWithoutJitNanos() {
            return slices.stream().mapToLong(Sessions.Phase::relayCpuWithoutJitNanos).sum();
        }

        long relayCpuNanos() {
            return slices.stream().mapToLong(p -> p.relayCpuNanos).sum();
        }

        long relayJitNanos() {
            return slices.stream().mapToLong(p -> p.relayJitNanos).sum();
        }

        long generatorCpuNanos() {
            return slices.stream().mapToLong(p -> p.generatorCpuNanos).sum();
        }

        long missing() {
            return slices.stream().mapToLong(Sessions.Phase::missing).sum();
        }

        Latencies.Summary latencies() {
            return Latencies.summarize(slices.stream().map(p -> p.latencies).toList());
        }
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        Options o = Options.parse(args);
        CpimBody body = new CpimBody(o.size);
        System.out.printf(Locale.ROOT, "MSRP relay benchmark on 127.0.0.1: %d sessions over %d client connections, "
                        + "%d-byte message/cpim bodies (1 chunk), window %d, %.0f s per phase after %.0f s warm-up, "
                        + "rates %s/s; idle heap with %d relays over 1 and over %d client connections%n",
                o.sessions, Math.min(o.connections, o.sessions), body.size(), o.window, o.duration, o.warmup,
                Arrays.toString(o.rates), o.idle, Math.min(o.idleConnections, Math.max(1, o.idle)));
        System.out.printf(Locale.ROOT, "machine: %d CPUs, Java %s; relay JVM: %d event loop thread(s), options %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), o.relayThreads,
                o.relayJvm.isEmpty() ? "(none)" : String.join(" ", o.relayJvm));
        System.out.printf("load average at the start (the machine is shared): %s%n", loadAverage());

        List<Row> rows = new ArrayList<>();
        List<IdleHeap> idle = new ArrayList<>();
        LoadGenerator.Paired paired = null;
        try (RelayProcess relay = new RelayProcess(o.relayThreads, o.relayJvm);
             LoadGenerator gen = new LoadGenerator(body)) {
            System.out.printf("relay process pid %d listening on port %d%n", relay.pid(), relay.port());

            // Both paths open at once; each phase alternates slices of the two, so that both see the same
            // (shared, varying) machine load and the difference of their latencies is the relay's.
            Sessions direct = gen.openDirect(o.sessions, o.connections);
            Sessions relayed = gen.openRelayed(relay, o.sessions, o.connections);
            warmUp("direct", direct, o);
            warmUp("relay", relayed, o);
            runPhase("full speed", 0, direct, relayed, o, rows);
            for (int rate : o.rates) {
                runPhase(String.format(Locale.ROOT, "rate %,d/s", rate), rate, direct, relayed, o, rows);
            }
            if (o.pairedRate > 0) {
                // Unmeasured second first: paced sends take paths full speed does not.
                gen.paired(direct, relayed, 1, o.pairedRate, samples(o.pairedRate, 1));
                paired = gen.paired(direct, relayed, o.pairedDuration, o.pairedRate,
                        samples(o.pairedRate, o.pairedDuration));
                System.out.println(pairedLine(paired, o.pairedRate));
            }
            for (Sessions s : List.of(direct, relayed)) {
                if (s.counters.lost.get() > 0 || s.counters.sendFailed.get() > 0) {
                    System.out.printf("%s: %d sessions lost, %d sends failed%n", s == direct ? "direct" : "relay",
                            s.counters.lost.get(), s.counters.sendFailed.get());
                }
            }
            long[] st = relay.status();
            System.out.printf("relay status: %d relays, %d legs connected, %d lost, %d undeliverable, %,d forwarded%n",
                    st[0], st[1], st[2], st[3], st[4]);
            relay.closeRelays();
            relayed.close();
            direct.close();

            if (o.idle > 0) {
                // The sessions alone (one shared client connection), then with a connection per client.
                if (o.idleShared) {
                    idle.add(idleHeap(gen, relay, o.idle, 1, o.idleSettle));
                }
                idle.add(idleHeap(gen, relay, o.idle, o.idleConnections, o.idleSettle));
            }
        }
        System.out.printf("load average at the end: %s%n", loadAverage());
        printTable(rows, idle, paired, o.pairedRate);
        System.exit(0);
    }

    /** Heap of the relay JVM after GC before and after opening {@code count} idle relays. */
    private record IdleHeap(int relays, int connections, long before, long after) {
        double perSession() {
            return (after - before) / (double) relays;
        }
    }

    private static IdleHeap idleHeap(LoadGenerator gen, RelayProcess relay, int count, int connections, double settle)
            throws Exception {
        Thread.sleep(500);
        long before = relay.usedHeapAfterGc();
        long t0 = System.nanoTime();
        Sessions idle = gen.openRelayed(relay, count, connections);
        System.out.printf(Locale.ROOT, "idle: %,d relays connected over %,d client connection(s) in %.1f s; "
                + "settling %.0f s%n", count, idle.connections(), (System.nanoTime() - t0) / 1e9, settle);
        Thread.sleep((long) (settle * 1000));
        long after = relay.usedHeapAfterGc();
        long[] st = relay.status();
        System.out.printf("relay status: %d relays, %d legs connected, %d lost%n", st[0], st[1], st[2]);
        relay.closeRelays();
        idle.close();
        return new IdleHeap(count, idle.connections(), before, after);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /**
     * Full speed for at least --warmup seconds, then on while the JIT compilers of the process under test (the
     * relay; on the direct path, this one) still take more than 5% of its CPU, at most 30 s.
     */
    private static void warmUp(String path, Sessions s, Options o) throws InterruptedException {
        double warmed = 0;
        double jitShare;
        do {
            Sessions.Phase w = s.fullSpeed(2, o.window, samples(0, 2));
            warmed += 2;
            jitShare = w.relayCpuNanos >= 0 ? w.relayJitNanos / (double) Math.max(1, w.relayCpuNanos)
                    : w.generatorJitNanos / (double) Math.max(1, w.generatorCpuNanos);
            System.out.printf(Locale.ROOT, "%s: warm-up %2.0f s: %,.0f SEND/s, JIT compilers %.0f%% of the %s's CPU%n",
                    path, warmed, w.throughput(), jitShare * 100, w.relayCpuNanos >= 0 ? "relay" : "generator");
        } while (warmed < o.warmup || jitShare > 0.05 && warmed < MAX_WARMUP_SECONDS);
    }

    /** One phase (full speed if {@code rate} is 0), in --slices alternating slices of the direct and relay paths. */
    private static void runPhase(String name, int rate, Sessions direct, Sessions relayed, Options o, List<Row> rows)
            throws InterruptedException {
        Slices d = new Slices();
        Slices r = new Slices();
        double slice = o.duration / o.slices;
        if (rate > 0) {
            // Paced sends take code paths full speed does not (small batches, flushes outside reads): one unmeasured
            // second of each path at this rate first.
            direct.fixedRate(1, rate, samples(rate, 1));
            relayed.fixedRate(1, rate, samples(rate, 1));
        }
        for (int i = 0; i < o.slices; i++) {
            for (Sessions s : List.of(direct, relayed)) {
                Sessions.Phase p = rate == 0 ? s.fullSpeed(slice, o.window, samples(0, slice))
                        : s.fixedRate(slice, rate, samples(rate, slice));
                (s == direct ? d : r).add(p);
            }
        }
        rows.add(new Row(name, rate, "direct", d));
        System.out.println(line(rows.get(rows.size() - 1)));
        rows.add(new Row(name, rate, "relay", r));
        System.out.println(line(rows.get(rows.size() - 1)));
    }

    /** Room for the latency samples of one slice. */
    private static int samples(int rate, double seconds) {
        return (int) Math.min(SAMPLES, Math.max(10_000, (rate > 0 ? rate : 200_000) * seconds * 1.5));
    }

    private static final String HEADER = String.format(Locale.ROOT,
            "%-14s %-6s %8s %9s %9s %9s %10s %8s %8s %8s %8s %9s %7s", "phase", "path", "SEND/s", "relayCPU", "relayJIT",
            "genCPU", "SEND/relay", "p50", "p90", "p99", "p99.9", "max", "missing");

    private static String line(Row r) {
        Slices p = r.result();
        double wall = p.wallNanos() / 1e9;
        Latencies.Summary l = p.latencies();
        boolean relayed = p.relayed();
        return String.format(Locale.ROOT, "%-14s %-6s %,8.0f %9s %9s %9s %10s %8s %8s %8s %8s %9s %7d", r.phase(), r.path(),
                p.throughput(), relayed ? cores(p.relayCpuWithoutJitNanos(), wall) : "-",
                relayed ? cores(p.relayJitNanos(), wall) : "-", cores(p.generatorCpuNanos(), wall),
                relayed ? String.format(Locale.ROOT, "%,.0f", p.received() / (p.relayCpuWithoutJitNanos() / 1e9)) : "-",
                us(l.p50()), us(l.p90()), us(l.p99()), us(l.p999()), us(l.max()), p.missing());
    }

    /** The paired run: each path's latencies, the per-pair added latency, and the relay's cost at that rate. */
    private static String pairedLine(LoadGenerator.Paired p, int rate) {
        Latencies.Summary d = Latencies.summarize(List.of(p.direct().latencies));
        Latencies.Summary r = Latencies.summarize(List.of(p.relayed().latencies));
        Latencies.Summary added = Latencies.pairedDifference(p.direct().latencies, p.relayed().latencies);
        double wall = p.relayed().wallNanos / 1e9;
        return String.format(Locale.ROOT, "paired %,d/s each path for %.0f s (%,d pairs): direct p50/p99/p99.9 %s/%s/%s µs, "
                        + "relay %s/%s/%s µs; added per pair p50 %s, p90 %s, p99 %s, p99.9 %s, max %s µs; relay CPU "
                        + "%.2f core (%,.0f SEND per relay CPU-second), generator %.2f core; missing %d/%d",
                rate, wall, added.samples(), us(d.p50()), us(d.p99()), us(d.p999()), us(r.p50()), us(r.p99()),
                us(r.p999()), us(added.p50()), us(added.p90()), us(added.p99()), us(added.p999()), us(added.max()),
                (p.relayCpuNanos() - p.relayJitNanos()) / 1e9 / wall,
                p.relayed().receivedAtStop / ((p.relayCpuNanos() - p.relayJitNanos()) / 1e9),
                p.generatorCpuNanos() / 1e9 / wall, p.direct().missing(), p.relayed().missing());
    }

    private static String cores(long cpuNanos, double wallSeconds) {
        return String.format(Locale.ROOT, "%.2f core", cpuNanos / 1e9 / wallSeconds);
    }

    private static String us(long nanos) {
        return String.format(Locale.ROOT, "%,.0f", nanos / 1e3);
    }

    private static void printTable(List<Row> rows, List<IdleHeap> idle, LoadGenerator.Paired paired, int pairedRate) {
        System.out.println();
        System.out.println("Results. Latencies: one-way sender -> receiver, in microseconds. relayCPU: cores used by the "
                + "relay JVM (all threads, GC included) without its JIT compiler threads; relayJIT: those threads; genCPU: "
                + "cores used by the load generator JVM; SEND/relay: SEND per CPU-second of relayCPU, i.e. per core.");
        System.out.println(HEADER);
        rows.forEach(r -> System.out.println(line(r)));
        System.out.println();
        System.out.println("Added latency of the relay (relay path minus direct path, same phase), µs:");
        System.out.printf(Locale.ROOT, "%-16s %8s %8s %8s %8s %9s%n", "phase", "p50", "p90", "p99", "p99.9", "max");
        double worstP99 = Double.NaN;
        for (Row r : rows) {
            if (!r.path().equals("relay")) {
                continue;
            }
            Row d = rows.stream().filter(x -> x.path().equals("direct") && x.phase().equals(r.phase())).findFirst()
                    .orElseThrow();
            Latencies.Summary added = r.result().latencies().minus(d.result().latencies());
            boolean valid = r.sustained() && d.sustained();
            System.out.printf(Locale.ROOT, "%-16s %8s %8s %8s %8s %9s%s%n", r.phase(), us(added.p50()), us(added.p90()),
                    us(added.p99()), us(added.p999()), us(added.max()), valid ? ""
                            : "   (not valid: offered rate not carried, " + (d.sustained() ? "relay path" : "even direct")
                            + " below 95%: overloaded machine or relay)");
            if (r.rate() > 0 && valid) {
                worstP99 = Double.isNaN(worstP99) ? added.p99() / 1e6 : Math.max(worstP99, added.p99() / 1e6);
            }
        }
        System.out.println();
        Row full = rows.stream().filter(x -> x.path().equals("relay") && x.phase().equals("full speed")).findFirst()
                .orElseThrow();
        double perCore = full.result().received() / (full.result().relayCpuWithoutJitNanos() / 1e9);
        double perCoreWithJit = full.result().received() / (full.result().relayCpuNanos() / 1e9);
        System.out.printf(Locale.ROOT, "throughput: %,.0f SEND/s through the relay at full speed, %,.0f SEND per relay "
                + "CPU-second (%,.0f counting JIT compilation) (target >= 50,000 per core): %s%n",
                full.result().throughput(), perCore, perCoreWithJit, perCore >= 50_000 ? "met" : "MISSED");
        if (paired != null) {
            System.out.println(pairedLine(paired, pairedRate));
            Latencies.Summary added = Latencies.pairedDifference(paired.direct().latencies, paired.relayed().latencies);
            System.out.printf(Locale.ROOT, "latency: added p99 per message pair at %,d/s %.3f ms, p99.9 %.3f ms "
                    + "(target p99 <= 2 ms): %s%n", pairedRate, added.p99() / 1e6, added.p999() / 1e6,
                    added.samples() == 0 ? "no samples" : added.p99() <= 2_000_000 ? "met" : "MISSED");
        }
        if (!Double.isNaN(worstP99)) {
            System.out.printf(Locale.ROOT, "latency (separate slices, percentile minus percentile; noisy on a loaded "
                    + "machine): worst added p99 over the valid fixed rates %.3f ms%n", worstP99);
        } else if (rows.stream().anyMatch(x -> x.rate() > 0)) {
            System.out.println("latency: no fixed rate was carried by both paths; no verdict from the slices");
        }
        for (IdleHeap h : idle) {
            System.out.printf(Locale.ROOT, "idle heap: %,d relays over %,d client connection(s): relay heap %,d -> %,d "
                            + "bytes after GC = %,.0f bytes per idle relayed session (target <= 4,096): %s%n",
                    h.relays(), h.connections(), h.before(), h.after(), h.perSession(),
                    h.perSession() <= 4096 ? "met" : "MISSED");
        }
    }

    /**
     * Logging at ERROR, or at {@code -Dopencpm.bench.log=LEVEL}: without a configuration file logback would log
     * every session's setup at DEBUG. Logback is a runtime dependency only, hence reflection.
     */
    static void quietLogging() {
        org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        try {
            Class<?> level = Class.forName("ch.qos.logback.classic.Level");
            Object value = level.getMethod("toLevel", String.class, level).invoke(null,
                    System.getProperty("opencpm.bench.log"), level.getField("ERROR").get(null));
            root.getClass().getMethod("setLevel", level).invoke(root, value);
        } catch (ReflectiveOperationException e) {
            root.warn("cannot set the log level: {}", e.toString());
        }
    }

    /** Command-line options; see the class comment. */
    private static final class Options {
        int sessions = 100;
        int connections = 10;
        int size = 1024;
        int window = 256;
        double duration = 4;
        int slices = 4;
        double warmup = 6;
        int[] rates = {1000, 10_000, 25_000};
        int idle = 10_000;
        int idleConnections = -1;
        double idleSettle = 31;
        int relayThreads = 1;
        List<String> relayJvm = List.of();
        int pairedRate = 2000;
        double pairedDuration = 10;
        boolean idleShared = true;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + name);
                }
                String v = args[++i];
                switch (name) {
                    case "--sessions" -> o.sessions = Integer.parseInt(v);
                    case "--connections" -> o.connections = Integer.parseInt(v);
                    case "--size" -> o.size = Integer.parseInt(v);
                    case "--window" -> o.window = Integer.parseInt(v);
                    case "--duration" -> o.duration = Double.parseDouble(v);
                    case "--slices" -> o.slices = Math.max(1, Integer.parseInt(v));
                    case "--warmup" -> o.warmup = Double.parseDouble(v);
                    case "--rates" -> o.rates = v.isBlank() ? new int[0]
                            : Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--idle" -> o.idle = Integer.parseInt(v);
                    case "--idle-connections" -> o.idleConnections = Integer.parseInt(v);
                    case "--idle-settle" -> o.idleSettle = Double.parseDouble(v);
                    case "--relay-threads" -> o.relayThreads = Integer.parseInt(v);
                    case "--paired-rate" -> o.pairedRate = Integer.parseInt(v);
                    case "--paired-duration" -> o.pairedDuration = Double.parseDouble(v);
                    case "--idle-shared" -> o.idleShared = Boolean.parseBoolean(v) || v.equals("yes");
                    case "--relay-jvm" -> o.relayJvm = v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
                    default -> throw new IllegalArgumentException("unknown option " + name + "; see the Javadoc of "
                            + MsrpRelayBench.class.getName());
                }
            }
            if (o.idleConnections < 1) {
                o.idleConnections = Math.max(1, o.idle);
            }
            return o;
        }
    }
}
