package org.opencpm.store.imdn;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The message-id / disposition-type cache of OMA CPM Conv Fnct §8.3.4 (PF-IMDN-T-03…10), also used on
 * the originating side (PF-IMDN-O-02, AMB-21): which disposition notifications were already forwarded
 * for a message, so that a second one of the same kind (two devices reporting "delivered") is not.
 *
 * <p>Keyed as AMB-03 decides ({@link ImdnKey}): served user, direction, CPIM {@code imdn.Message-ID} of the
 * message the notification is about, and the notifying recipient; never by Call-ID. The value is the set of
 * {@link DispositionType}s forwarded. An entry lives
 * {@code store.imdn-cache-ttl} after its last use, survives restarts, and the least recently used entries
 * are evicted beyond {@code store.imdn-cache-max-entries}. A miss (never seen, expired or evicted) means
 * "forward": a duplicate notification is the safe failure.
 *
 * <p>Check and record are one atomic step ({@link #checkAndRecord}): two notifications for the same
 * message arriving together from two devices cannot both be forwarded. Which types suppress which is the
 * caller's rule (PF-IMDN-T-04…06), passed as {@code suppressedBy}.
 *
 * <p>No method blocks; futures complete on the store's threads (continue on your own scheduler).
 */
public interface ImdnCache extends AutoCloseable {

    /**
     * Atomically: if any of {@code suppressedBy} was already forwarded for ({@code servedUser},
     * {@code messageId}), answers "do not forward" and records nothing; otherwise records {@code type}
     * as forwarded and answers "forward". Either way the entry counts as used (for eviction and TTL).
     *
     * <p>Example, PF-IMDN-T-05: a delivery notification is suppressed by an earlier delivery or
     * interworking notification: {@code checkAndRecord(user, id, DELIVERY, EnumSet.of(DELIVERY, INTERWORKING))}.
     */
    CompletableFuture<ForwardDecision> checkAndRecord(ImdnKey key, DispositionType type, Set<DispositionType> suppressedBy);

    /** {@link #checkAndRecord(ImdnKey, DispositionType, Set)} with {@link ImdnKey#of(String, String)}. */
    default CompletableFuture<ForwardDecision> checkAndRecord(String servedUser, String messageId, DispositionType type,
                                                              Set<DispositionType> suppressedBy) {
        return checkAndRecord(ImdnKey.of(servedUser, messageId), type, suppressedBy);
    }

    /**
     * The plain rule of PF-IMDN-T-04: records {@code type} and completes with true if the same type had
     * already been forwarded for this message (then do not forward it again).
     */
    default CompletableFuture<Boolean> recordForwarded(String servedUser, String messageId, DispositionType type) {
        return checkAndRecord(servedUser, messageId, type, EnumSet.of(type)).thenApply(d -> !d.forward());
    }

    /** The types forwarded for this key so far (empty on a miss); does not count as a use. */
    CompletableFuture<Set<DispositionType>> forwarded(ImdnKey key);

    /** {@link #forwarded(ImdnKey)} with {@link ImdnKey#of(String, String)}. */
    default CompletableFuture<Set<DispositionType>> forwarded(String servedUser, String messageId) {
        return forwarded(ImdnKey.of(servedUser, messageId));
    }

    /** Drops entries unused for longer than the TTL at {@code now}; completes with how many. */
    CompletableFuture<Integer> expire(Instant now);

    /** Entries evicted by the size cap since the cache was opened (a metric). */
    long evictions();

    /** Entries held now (approximate between {@link #expire} runs). */
    long size();

    /** Finishes queued writes and closes the cache. Blocks; call it at shutdown only. */
    @Override
    void close();
}
