package org.opencpm.store.deferred;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Durable data of the CPM Group Sessions in which the Participating Function remains for an
 * unavailable served user (OMA CPM Conv Fnct §8.3.2.9, PF-T-DEF; step 4 of §8.2.2.3, PF-O-BYE-24…29):
 * the messages and notifications it intercepts, and the latest Participant Information.
 *
 * <h2>Use</h2>
 * <ol>
 *   <li>The client's leg is lost (PF-T-DEF-02…04): {@link #remain} starts the deferral (or returns the
 *       one already running for that user and session).</li>
 *   <li>While away: {@link #intercept} each message and notification the focus sends (acknowledge the
 *       MSRP SEND to the Controlling Function once the future completes); {@link #updateParticipantInfo}
 *       with each full conference-info document (PF-T-DEF-05).</li>
 *   <li>The client is back: on registration (trigger A, PF-T-DEF-06) {@link #sessions} lists what to
 *       deliver; on a re-join (trigger B, PF-T-DEF-07/08) {@link #find} finds it by session identity or
 *       Contribution-ID. Send {@link #items} in order over MSRP; after each MSRP 200 (or a batch of
 *       them) {@link #markDelivered} up to that item's {@code seq}. When none is left, {@link #end}.</li>
 *   <li>Periodically, {@link #expired} lists intercepted items past their expiry; send a
 *       negative-delivery notification where requested (PF-IMDN-OB-03), then {@link #removeItem}.</li>
 * </ol>
 *
 * <p>Exactly once, with the client's help: delivered items are forgotten up to the mark; after a crash
 * the items after the mark are sent again with their own {@code imdn.Message-ID}, and the client drops
 * the ones it already has. No method blocks; futures complete on the store's threads.
 */
public interface DeferredGroupStore extends AutoCloseable {

    /** Starts (or returns the running) deferral of {@code session} for {@code recipient}. */
    CompletableFuture<DeferredGroupSession> remain(String recipient, GroupSessionRef session);

    /** The deferral for {@code recipient} whose session identity or Contribution-ID is {@code identity}. */
    CompletableFuture<Optional<DeferredGroupSession>> find(String recipient, String identity);

    /** Every running deferral of {@code recipient}, oldest first. */
    CompletableFuture<List<DeferredGroupSession>> sessions(String recipient);

    /**
     * Stores an intercepted item, with the policy expiry; completes with its {@code seq} once durable.
     * The same {@link GroupItem#messageId()} and kind in the same session is stored once: its existing
     * {@code seq} is returned. Fails if the deferral has ended.
     */
    CompletableFuture<Long> intercept(long sessionId, GroupItem item);

    /** Replaces the Participant Information kept for the deferral; false if it has ended. */
    CompletableFuture<Boolean> updateParticipantInfo(long sessionId, String contentType, byte[] document);

    /** Up to {@code limit} items of the deferral with {@code seq > afterSeq}, in order. */
    CompletableFuture<List<StoredGroupItem>> items(long sessionId, long afterSeq, int limit);

    /** Forgets the deferral's items up to and including {@code uptoSeq}; completes with how many. */
    CompletableFuture<Integer> markDelivered(long sessionId, long uptoSeq);

    /** Ends the deferral and forgets its items and Participant Information; false if unknown. */
    CompletableFuture<Boolean> end(long sessionId);

    /** Up to {@code limit} items, of any deferral, whose expiry is at or before {@code now}. */
    CompletableFuture<List<StoredGroupItem>> expired(Instant now, int limit);

    /** Removes one item; false if unknown. */
    CompletableFuture<Boolean> removeItem(long seq);

    /** Finishes queued writes and closes the store. Blocks; call it at shutdown only. */
    @Override
    void close();

}
