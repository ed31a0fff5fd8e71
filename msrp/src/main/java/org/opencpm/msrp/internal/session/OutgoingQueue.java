package org.opencpm.msrp.internal.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencpm.common.time.Cancellable;
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

    /** A SEND transaction awaiting its response; {@code message} is null for a bodiless SEND. */
    static final class Pending {
        final String transactionId;
        final Tracked message;
        Cancellable timer = Cancellable.NONE;

        Pending(String transactionId, Tracked message) {
            this.transactionId = transactionId;
            this.message = message;
        }
    }

    private final int chunkSize;
    private final Deque<Chunk> unsent = new ArrayDeque<>();
    private final Map<String, Pending> inFlight = new LinkedHashMap<>();
    private final Map<String, Tracked> unacknowledged = new LinkedHashMap<>();
    private long pendingBytes;

    OutgoingQueue(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    /** Queues the chunks of {@code message}. */
    void enqueue(OutgoingMessage message) {
        int size = message.size();
        int chunks = Math.max(1, (size + chunkSize - 1) / chunkSize);
        Tracked tracked = new Tracked(message, chunks);
        unacknowledged.put(message.messageId(), tracked);
        pendingBytes += size;
        for (int i = 0; i < chunks; i++) {
            int offset = i * chunkSize;
            unsent.add(new Chunk(tracked, offset, Math.min(chunkSize, size - offset), i == chunks - 1));
        }
    }

    boolean hasUnsent() {
        return !unsent.isEmpty();
    }

    Chunk pollUnsent() {
        return unsent.poll();
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
        byte[] endLine = ("-------" + transactionId).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int last = chunk.offset + chunk.length - endLine.length;
        outer:
        for (int i = chunk.offset; i <= last; i++) {
            for (int j = 0; j < endLine.length; j++) {
                if (body[i + j] != endLine[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    Pending awaitResponse(String transactionId, Tracked message) {
        Pending p = new Pending(transactionId, message);
        inFlight.put(transactionId, p);
        return p;
    }

    Pending takePending(String transactionId) {
        Pending p = inFlight.remove(transactionId);
        if (p != null) {
            p.timer.cancel();
        }
        return p;
    }

    /** Counts an acknowledged chunk; returns the message if that was its last one. */
    OutgoingMessage acknowledge(Tracked tracked) {
        tracked.acknowledged++;
        if (tracked.acknowledged < tracked.chunks || unacknowledged.remove(tracked.message.messageId()) == null) {
            return null;
        }
        pendingBytes -= tracked.message.size();
        return tracked.message;
    }

    /** Forgets a refused message: its unsent chunks and its other transactions. */
    void abandon(Tracked tracked) {
        if (unacknowledged.remove(tracked.message.messageId()) != null) {
            pendingBytes -= tracked.message.size();
        }
        unsent.removeIf(c -> c.message == tracked);
        for (Iterator<Pending> it = inFlight.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.message == tracked) {
                p.timer.cancel();
                it.remove();
            }
        }
    }

    /** Empties the queue and returns the messages never fully acknowledged, in sending order. */
    List<OutgoingMessage> drainUnacknowledged() {
        inFlight.values().forEach(p -> p.timer.cancel());
        inFlight.clear();
        unsent.clear();
        List<OutgoingMessage> out = new ArrayList<>(unacknowledged.size());
        unacknowledged.values().forEach(t -> out.add(t.message));
        unacknowledged.clear();
        pendingBytes = 0;
        return out;
    }
}
