package org.opencpm.bench.msrp;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One-way latency samples in nanoseconds, each with the send stamp of its message, recorded by one thread (the
 * receiver's event loop) and read by another after a happens-before edge (the phase has drained). Samples beyond
 * the capacity are counted, not kept.
 */
final class Latencies {

    private final long[] samples;
    private final long[] stamps;
    private int count;
    private long dropped;

    Latencies(int capacity) {
        this.samples = new long[capacity];
        this.stamps = new long[capacity];
    }

    void record(long stamp, long nanos) {
        if (count < samples.length) {
            stamps[count] = stamp;
            samples[count++] = nanos;
        } else {
            dropped++;
        }
    }

    /** Percentiles p50, p90, p99, p99.9 and the maximum of all the samples of {@code parts}, in nanoseconds; zeros without samples. */
    static Summary summarize(List<Latencies> parts) {
        long[] sorted = new long[parts.stream().mapToInt(l -> l.count).sum()];
        long all = 0;
        int n = 0;
        for (Latencies l : parts) {
            System.arraycopy(l.samples, 0, sorted, n, l.count);
            n += l.count;
            all += l.count + l.dropped;
        }
        return summary(sorted, n, all);
    }

    /**
     * The latency added per message pair: for each message of {@code relayed} whose send stamp is also the stamp of a
     * message of {@code direct} (sent at the same instant on the other path), relayed latency minus direct latency.
     */
    static Summary pairedDifference(Latencies direct, Latencies relayed) {
        Map<Long, Long> byStamp = new HashMap<>(direct.count * 2);
        for (int i = 0; i < direct.count; i++) {
            byStamp.put(direct.stamps[i], direct.samples[i]);
        }
        long[] diffs = new long[relayed.count];
        int n = 0;
        for (int i = 0; i < relayed.count; i++) {
            Long d = byStamp.get(relayed.stamps[i]);
            if (d != null) {
                diffs[n++] = relayed.samples[i] - d;
            }
        }
        return summary(diffs, n, n);
    }

    private static Summary summary(long[] values, int n, long all) {
        if (n == 0) {
            return new Summary(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = n == values.length ? values : Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return new Summary(all, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), at(sorted, 0.999), sorted[n - 1]);
    }

    private static long at(long[] sorted, double q) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }

    /** Latency percentiles in nanoseconds. */
    record Summary(long samples, long p50, long p90, long p99, long p999, long max) {

        Summary minus(Summary baseline) {
            return new Summary(samples, p50 - baseline.p50, p90 - baseline.p90, p99 - baseline.p99,
                    p999 - baseline.p999, max - baseline.max);
        }
    }
}
