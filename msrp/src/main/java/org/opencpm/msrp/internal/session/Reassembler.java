package org.opencpm.msrp.internal.session;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
    private final String owner;
    /**
     * Messages that may be in progress at once on one session. Buffers grow with the bytes that arrive, not
     * with the declared total, so memory per session stays below this times the largest message.
     */
    static final int MAX_PARTIAL_MESSAGES = 16;

    private final Map<String, Partial> partials = new HashMap<>();

    Reassembler(long maxMessageSize, Duration chunkTimeout, Scheduler scheduler, String owner) {
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
        Partial partial = partials.get(id);
        if (partial == null && range.start() == 1 && chunk.continuationFlag() == ContinuationFlag.COMPLETE) {
            return new Result.Complete(new IncomingMessage(id, chunk.contentType(), chunk.body(), chunk.headers()), end);
        }
        if (partial == null) {
            if (partials.size() >= MAX_PARTIAL_MESSAGES) {
                log.info("MSRP session {}: {} messages already in progress; refusing message {}", owner,
                        partials.size(), id);
                return new Result.TooLarge();
            }
            partial = new Partial(chunk, range.total(), maxMessageSize);
            partials.put(id, partial);
        }
        partial.write(range.start() - 1, chunk);
        partial.timer.cancel();
        if (chunk.continuationFlag() == ContinuationFlag.COMPLETE) {
            long total = range.total() == ByteRange.UNKNOWN ? end : range.total();
            if (partial.received >= total) {
                partials.remove(id);
                return new Result.Complete(partial.toMessage(id, total), total);
            }
        }
        Partial p = partial;
        partial.timer = scheduler.schedule(chunkTimeout, () -> {
            log.warn("MSRP session {}: message {} incomplete for {} ({} bytes); dropped", owner, id, chunkTimeout,
                    p.received);
            partials.remove(id, p);
        });
        return new Result.Incomplete();
    }

    int partialCount() {
        return partials.size();
    }

    void clear() {
        partials.values().forEach(p -> p.timer.cancel());
        partials.clear();
    }

    private void forget(String id) {
        Partial p = partials.remove(id);
        if (p != null) {
            p.timer.cancel();
        }
    }

    private static final class Partial {
        final MsrpRequest first;
        byte[] buffer;
        long received;
        Cancellable timer = Cancellable.NONE;

        private final long max;

        Partial(MsrpRequest first, long total, long max) {
            this.first = first;
            this.max = total == ByteRange.UNKNOWN ? max : Math.min(total, max);
            // Not the declared total: a peer could declare large totals it never sends.
            long initial = Math.max(first.bodyLength(), 64 * 1024);
            this.buffer = new byte[(int) (total == ByteRange.UNKNOWN ? initial : Math.min(total, initial))];
        }

        void write(long offset, MsrpRequest chunk) {
            int length = chunk.bodyLength();
            long needed = offset + length;
            if (needed > buffer.length) {
                byte[] bigger = new byte[(int) Math.max(needed, Math.min((long) buffer.length * 2, max))];
                System.arraycopy(buffer, 0, bigger, 0, buffer.length);
                buffer = bigger;
            }
            chunk.bodyBuffer().get(buffer, (int) offset, length);
            received += length;
        }

        IncomingMessage toMessage(String id, long total) {
            byte[] body = buffer.length == total ? buffer : java.util.Arrays.copyOf(buffer, (int) total);
            return new IncomingMessage(id, first.contentType(), body, first.headers());
        }
    }
}
