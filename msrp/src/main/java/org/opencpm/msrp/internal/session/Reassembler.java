package org.opencpm.msrp.internal.session;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.opencpm.common.time.Cancellable;
import org.opencpm.common.time.Scheduler;
import org.opencpm.msrp.ByteRange;
import org.opencpm.msrp.ContinuationFlag;
import org.opencpm.msrp.IncomingMessage;
import org.opencpm.msrp.MsrpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the chunks of incoming messages back together by Message-ID and Byte-Range (RFC 4975 §7.3.1),
 * within a maximum message size. A message interrupted with {@code +} that does not go on within the
 * chunk timeout is dropped. Not thread-safe: owned by its session's scheduler.
 */
final class Reassembler {

    private static final Logger log = LoggerFactory.getLogger(Reassembler.class);

    /** What one chunk did. */
    sealed interface Result {
        /** More chunks are expected. */
        record Incomplete() implements Result {
        }

        record Complete(IncomingMessage message, long total) implements Result {
        }

        /** The message is over the size limit: answer 413 and forget it. */
        record TooLarge() implements Result {
        }

        /** The sender aborted the message with {@code #}. */
        record Aborted() implements Result {
        }

        /** Byte-Range and body disagree: answer 400. */
        record Invalid(String reason) implements Result {
        }
    }

    private final long maxMessageSize;
    private final Duration chunkTimeout;
    private final Scheduler scheduler;
    /** The session, for logs (formatted only when a line is logged). */
    private final Object owner;
    /**
     * Messages that may be in progress at once on one session. Buffers grow with the bytes that arrive, not
     * with the declared total, so memory per session stays below this times the largest message.
     */
    static final int MAX_PARTIAL_MESSAGES = 16;
    /**
     * Disjoint byte runs one message may have received: a sender that resumes in order has one; a peer
     * scattering tiny chunks over a large message gets 413 beyond this.
     */
    static final int MAX_RUNS = 1024;

    /** Messages in progress by Message-ID; created for the first chunked message (most messages are one chunk). */
    private Map<String, Partial> partials;

    Reassembler(long maxMessageSize, Duration chunkTimeout, Scheduler scheduler, Object owner) {
        this.maxMessageSize = maxMessageSize;
        this.chunkTimeout = chunkTimeout;
        this.scheduler = scheduler;
        this.owner = owner;
    }

    Result accept(MsrpRequest chunk) {
        String id = chunk.messageId();
        ByteRange range = chunk.byteRange();
        int length = chunk.bodyLength();
        if (chunk.continuationFlag() == ContinuationFlag.ABORTED) {
            forget(id);
            return new Result.Aborted();
        }
        long end = range.start() + length - 1;
        if (range.end() != ByteRange.UNKNOWN && end > range.end()
                || range.end() != ByteRange.UNKNOWN && end != range.end() && chunk.continuationFlag() == ContinuationFlag.COMPLETE
                || range.total() != ByteRange.UNKNOWN && end > range.total()) {
            return new Result.Invalid("Byte-Range " + range + " does not match a body of " + length + " bytes");
        }
        if (range.total() > maxMessageSize || end > maxMessageSize) {
            forget(id);
            return new Result.TooLarge();
        }
        Partial partial = partials == null ? null : partials.get(id);
        if (partial == null && range.start() == 1 && chunk.continuationFlag() == ContinuationFlag.COMPLETE
                && (range.total() == ByteRange.UNKNOWN || end == range.total())) {
            return new Result.Complete(new IncomingMessage(id, chunk.contentType(), chunk.body(), chunk.headers()), end);
        }
        if (partial == null) {
            if (partials == null) {
                partials = new HashMap<>();
            }
            if (partials.size() >= MAX_PARTIAL_MESSAGES) {
                log.info("MSRP session {}: {} messages already in progress; refusing message {}", owner,
                        partials.size(), id);
                return new Result.TooLarge();
            }
            partial = new Partial(chunk, range.total(), maxMessageSize);
            partials.put(id, partial);
        }
        if (!partial.write(range.start() - 1, chunk)) {
            log.info("MSRP session {}: message {} arrived in more than {} pieces; refusing it", owner, id, MAX_RUNS);
            forget(id);
            return new Result.TooLarge();
        }
        partial.timer.cancel();
        if (range.total() != ByteRange.UNKNOWN) {
            partial.total = range.total();
        } else if (chunk.continuationFlag() == ContinuationFlag.COMPLETE) {
            partial.total = end;
        }
        // §7.3.1: complete once every byte has arrived, whichever chunk came last; a chunk sent twice
        // (resent after a failover, or a peer's mistake) counts once, so a gap is never delivered as zeros.
        if (partial.total >= 0 && partial.received >= partial.total) {
            partials.remove(id);
            return new Result.Complete(partial.toMessage(id, partial.total), partial.total);
        }
        Partial p = partial;
        partial.timer = scheduler.schedule(chunkTimeout, () -> {
            log.warn("MSRP session {}: message {} incomplete for {} ({} bytes); dropped", owner, id, chunkTimeout,
                    p.received);
            if (partials != null) {
                partials.remove(id, p);
            }
        });
        return new Result.Incomplete();
    }

    int partialCount() {
        return partials == null ? 0 : partials.size();
    }

    void clear() {
        if (partials != null) {
            partials.values().forEach(p -> p.timer.cancel());
            partials = null;
        }
    }

    private void forget(String id) {
        Partial p = partials == null ? null : partials.remove(id);
        if (p != null) {
            p.timer.cancel();
        }
    }

    private static final class Partial {
        final MsrpRequest first;
        byte[] buffer;
        /** Distinct bytes received: the total length of {@link #runs}. */
        long received;
        /** The message size once known (declared, or the end of the {@code $} chunk), else -1. */
        long total = -1;
        /** The byte runs received, 0-based start to exclusive end, disjoint and not adjacent. */
        private final TreeMap<Long, Long> runs = new TreeMap<>();
        Cancellable timer = Cancellable.NONE;

        private final long max;

        Partial(MsrpRequest first, long total, long max) {
            this.first = first;
            this.max = total == ByteRange.UNKNOWN ? max : Math.min(total, max);
            // Not the declared total: a peer could declare large totals it never sends.
            long initial = Math.max(first.bodyLength(), 64 * 1024);
            this.buffer = new byte[(int) (total == ByteRange.UNKNOWN ? initial : Math.min(total, initial))];
        }

        /** Copies the chunk in; false if that would leave the message in more than {@link #MAX_RUNS} runs. */
        boolean write(long offset, MsrpRequest chunk) {
            int length = chunk.bodyLength();
            long needed = offset + length;
            if (length > 0 && !addRun(offset, needed)) {
                return false;
            }
            if (needed > buffer.length) {
                byte[] bigger = new byte[(int) Math.max(needed, Math.min((long) buffer.length * 2, max))];
                System.arraycopy(buffer, 0, bigger, 0, buffer.length);
                buffer = bigger;
            }
            chunk.bodyBuffer().get(buffer, (int) offset, length);
            return true;
        }

        /** Merges [from, to) into {@link #runs} and updates {@link #received}. */
        private boolean addRun(long from, long to) {
            long start = from;
            long stop = to;
            Map.Entry<Long, Long> before = runs.floorEntry(from);
            if (before != null && before.getValue() >= from) {
                start = before.getKey();
                stop = Math.max(stop, before.getValue());
            }
            long covered = 0;
            for (Map.Entry<Long, Long> e = runs.ceilingEntry(start); e != null && e.getKey() <= stop;
                    e = runs.higherEntry(e.getKey())) {
                stop = Math.max(stop, e.getValue());
            }
            // Runs inside [start, stop) are replaced by one.
            Map<Long, Long> inside = runs.subMap(start, true, stop, true);
            if (inside.isEmpty() && runs.size() >= MAX_RUNS) {
                return false;
            }
            for (Map.Entry<Long, Long> e : inside.entrySet()) {
                covered += e.getValue() - e.getKey();
            }
            inside.clear();
            runs.put(start, stop);
            received += (stop - start) - covered;
            return true;
        }

        IncomingMessage toMessage(String id, long total) {
            byte[] body = buffer.length == total ? buffer : java.util.Arrays.copyOf(buffer, (int) total);
            return new IncomingMessage(id, first.contentType(), body, first.headers());
        }
    }
}
