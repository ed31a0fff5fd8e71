package org.opencpm.msrp.internal.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencpm.msrp.ByteRange;
import org.opencpm.msrp.ContinuationFlag;
import org.opencpm.msrp.FailureReport;
import org.opencpm.msrp.MsrpRequest;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.OutgoingMessage;

/**
 * The messages a session is sending: their chunks not yet written, the SEND transactions awaiting a
 * response, and the messages not yet fully acknowledged (RFC 4975 §7.1.1, §5.3). Pure bookkeeping: the
 * session writes, schedules and reports. Not thread-safe: owned by its session's scheduler.
 */
final class OutgoingQueue {

    /** One chunk still to write. */
    record Chunk(Tracked message, int offset, int length, boolean last) {
    }

    /** A message and how many of its chunks were acknowledged. */
    static final class Tracked {
        final OutgoingMessage message;
        final int chunks;
        int acknowledged;

        Tracked(OutgoingMessage message, int chunks) {
            this.message = message;
            this.chunks = chunks;
        }
    }

    /**
     * A SEND transaction awaiting its response until {@code deadline} ({@link org.opencpm.common.time.Clock#nanoTime});
     * {@code message} is null for a bodiless SEND.
     */
    static final class Pending {
        final String transactionId;
        final Tracked message;
        final long deadline;

        Pending(String transactionId, Tracked message, long deadline) {
            this.transactionId = transactionId;
            this.message = message;
            this.deadline = deadline;
        }
    }

    private final int chunkSize;
    // Created on first use: an idle session (most of them) holds none of these.
    private Deque<Chunk> unsent;
    /** In the order the transactions began, which is also the order of their deadlines (one timeout for all). */
    private Map<String, Pending> inFlight;
    private Map<String, Tracked> unacknowledged;
    private long pendingBytes;

    OutgoingQueue(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    /** Queues the chunks of {@code message}. */
    void enqueue(OutgoingMessage message) {
        int size = message.size();
        int chunks = Math.max(1, (size + chunkSize - 1) / chunkSize);
        Tracked tracked = new Tracked(message, chunks);
        if (unacknowledged == null) {
            unacknowledged = new LinkedHashMap<>();
            unsent = new ArrayDeque<>();
        }
        unacknowledged.put(message.messageId(), tracked);
        pendingBytes += size;
        for (int i = 0; i < chunks; i++) {
            int offset = i * chunkSize;
            unsent.add(new Chunk(tracked, offset, Math.min(chunkSize, size - offset), i == chunks - 1));
        }
    }

    boolean hasUnsent() {
        return unsent != null && !unsent.isEmpty();
    }

    Chunk pollUnsent() {
        return unsent == null ? null : unsent.poll();
    }

    long pendingBytes() {
        return pendingBytes;
    }

    /** The SEND request for {@code chunk} with Byte-Range {@code start-end/total} (RFC 4975 §7.1.1). */
    static MsrpRequest toRequest(Chunk chunk, String transactionId, List<MsrpUri> toPath, MsrpUri from) {
        OutgoingMessage m = chunk.message.message;
        byte[] part = java.util.Arrays.copyOfRange(m.body(), chunk.offset, chunk.offset + chunk.length);
        MsrpRequest.Builder b = MsrpRequest.builder(MsrpRequest.SEND).transactionId(transactionId)
                .toPath(toPath).fromPath(List.of(from)).messageId(m.messageId());
        if (m.successReport()) {
            b.successReport(true);
        }
        if (m.failureReport() != FailureReport.YES) {
            b.failureReport(m.failureReport());
        }
        return b.byteRange(new ByteRange(chunk.offset + 1, chunk.offset + chunk.length, m.size()))
                .header(org.opencpm.msrp.MsrpHeaders.CONTENT_TYPE, m.contentType())
                .adoptBody(part)
                .flag(chunk.last ? ContinuationFlag.COMPLETE : ContinuationFlag.MORE)
                .build();
    }

    /** True if the chunk's bytes hold {@code "-------" transactionId}, the start of its own end-line. */
    static boolean containsEndLine(Chunk chunk, String transactionId) {
        byte[] body = chunk.message.message.body();
        int from = chunk.offset;
        int to = chunk.offset + chunk.length;
        int patternLength = DASHES + transactionId.length();
        // A match holds seven dashes in a row, so one of every seventh byte is a dash: probe those only, and
        // look for a match around each dash found. A body without "-------" costs length / 7 reads.
        for (int probe = from + DASHES - 1; probe < to; probe += DASHES) {
            if (body[probe] != '-') {
                continue;
            }
            for (int start = Math.max(from, probe - DASHES + 1); start <= probe && start + patternLength <= to; start++) {
                if (endLineAt(body, start, transactionId)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final int DASHES = 7;

    private static boolean endLineAt(byte[] body, int at, String transactionId) {
        for (int i = 0; i < DASHES; i++) {
            if (body[at + i] != '-') {
                return false;
            }
        }
        for (int i = 0; i < transactionId.length(); i++) {
            if (body[at + DASHES + i] != transactionId.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Starts waiting for the response to {@code transactionId} until {@code deadline}. */
    void awaitResponse(String transactionId, Tracked message, long deadline) {
        if (inFlight == null) {
            inFlight = new LinkedHashMap<>();
        }
        inFlight.put(transactionId, new Pending(transactionId, message, deadline));
    }

    /** The transaction awaiting a response for {@code transactionId}, now no longer awaited; or null. */
    Pending takePending(String transactionId) {
        return inFlight == null ? null : inFlight.remove(transactionId);
    }

    /** Drops the collections that are empty, so that a session gone quiet holds none (they are made again on use). */
    void releaseIfIdle() {
        if (inFlight != null && inFlight.isEmpty()) {
            inFlight = null;
        }
        if (unacknowledged != null && unacknowledged.isEmpty() && unsent.isEmpty()) {
            unacknowledged = null;
            unsent = null;
        }
    }

    /** The transaction awaiting its response the longest (the earliest deadline), or null. */
    Pending oldestPending() {
        return inFlight == null || inFlight.isEmpty() ? null : inFlight.values().iterator().next();
    }

    /** Counts an acknowledged chunk; returns the message if that was its last one. */
    OutgoingMessage acknowledge(Tracked tracked) {
        tracked.acknowledged++;
        if (tracked.acknowledged < tracked.chunks || unacknowledged == null || unacknowledged.remove(tracked.message.messageId()) == null) {
            return null;
        }
        pendingBytes -= tracked.message.size();
        return tracked.message;
    }

    /** Forgets a refused message: its unsent chunks and its other transactions. */
    void abandon(Tracked tracked) {
        if (unacknowledged != null && unacknowledged.remove(tracked.message.messageId()) != null) {
            pendingBytes -= tracked.message.size();
        }
        if (unsent != null) {
            unsent.removeIf(c -> c.message == tracked);
        }
        if (inFlight != null) {
            inFlight.values().removeIf(p -> p.message == tracked);
        }
    }

    /** Empties the queue and returns the messages never fully acknowledged, in sending order. */
    List<OutgoingMessage> drainUnacknowledged() {
        List<OutgoingMessage> out = new ArrayList<>(unacknowledged == null ? 0 : unacknowledged.size());
        if (unacknowledged != null) {
            unacknowledged.values().forEach(t -> out.add(t.message));
        }
        inFlight = null;
        unsent = null;
        unacknowledged = null;
        pendingBytes = 0;
        return out;
    }
}
