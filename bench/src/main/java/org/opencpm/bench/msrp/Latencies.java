package org.opencpm.bench.msrp;

import java.util.Arrays;

/**
 * One-way latency samples in nanoseconds, recorded by one thread (the receiver's event loop) and read by
 * another after a happens-before edge (the phase has drained). Samples beyond the capacity are counted, not kept.
 */
final class Latencies {

    private final long[] samples;
    private int count;
    private long dropped;

    Latencies(int capacity) {
        this.samples = new long[capacity];
    }

    void record(long nanos) {
        if (count < samples.length) {
            samples[count++] = nanos;
        } else {
            dropped++;
        }
    }

    /** Percentiles p50, p90, p99 and the maximum of all the samples of {@code parts}, in nanoseconds; zeros without samples. */
    static Summary summarize(java.util.List<Latencies> parts) {
        long[] sorted = new long[parts.stream().mapToInt(l -> l.count).sum()];
        long all = 0;
        int n = 0;
        for (Latencies l : parts) {
            System.arraycopy(l.samples, 0, sorted, n, l.count);
            n += l.count;
            all += l.count + l.dropped;
        }
        if (n == 0) {
            return new Summary(0, 0, 0, 0, 0);
        }
        Arrays.sort(sorted);
        return new Summary(all, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[n - 1]);
    }

    private static long at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** Latency percentiles in nanoseconds. */
    record Summary(long samples, long p50, long p90, long p99, long max) {

        Summary minus(Summary baseline) {
            return new Summary(samples, p50 - baseline.p50, p90 - baseline.p90, p99 - baseline.p99, max - baseline.max);
        }
    }
}
