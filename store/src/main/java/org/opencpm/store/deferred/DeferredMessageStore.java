package org.opencpm.store.deferred;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The durable queue of standalone CPM messages deferred for served users who have no suitable client
 * available (OMA CPM Conv Fnct §8.3.1.6, used by the terminating Participating Function).
 *
 * <h2>Use</h2>
 * <ol>
 *   <li><b>Accept.</b> {@link #accept} stores the message; the Participating Function answers the sender
 *       {@code 202 Accepted} (and sends a {@code stored} processing notification if asked) only once the
 *       future has completed, because only then does the message survive a crash. Accepting the same
 *       recipient and {@code imdn.Message-ID} again returns the existing id with
 *       {@link Accepted#duplicate()} set: a retransmitted MESSAGE is stored once. This holds also after
 *       the message was delivered, until its expiry instant.</li>
 *   <li><b>Deliver</b>, when the user registers again or subscribes to {@code deferred-messages}:
 *       {@link #pending} lists the messages waiting, in acceptance order (so in each sender's order).
 *       For each one, in order: {@link #markInFlight} and <em>wait for its future</em>, then send it;
 *       then {@link #markDelivered} on a final 2xx from the client, or {@link #markFailed} when the
 *       attempt failed (the message waits for the next attempt).</li>
 *   <li><b>Expire</b>, periodically: {@link #expired} lists messages past their expiry; the procedure sends
 *       a negative-delivery notification where requested (PF-IMDN-OB-03) and then {@link #remove}s each
 *       one. {@link #purgeDelivered} drops what is kept of delivered messages for duplicate detection.</li>
 * </ol>
 *
 * <h2>Exactly once, with the client's help</h2>
 * The store never loses an accepted message, and never hands a message out twice except this way: a
 * message that was in flight (marked, not yet marked delivered or failed) when the process stopped is
 * pending again after the store is reopened, with its {@code attempts} count, and is delivered again
 * with the <em>same</em> {@code imdn.Message-ID}, which the client library uses to drop the copy. Sending
 * before {@link #markInFlight} completes would break this: a crash could then lose the record of a send.
 *
 * <h2>Threading</h2>
 * No method blocks. Futures complete on the store's own threads: continue on your scheduler
 * ({@code thenAcceptAsync(..., scheduler::execute)}), and never block in a callback. Failures are
 * {@link org.opencpm.store.sqlite.StoreException}s.
 */
public interface DeferredMessageStore extends AutoCloseable {

    /**
     * Stores {@code message} with the policy expiry ({@code store.deferred-expiry} from now).
     * Fails with {@link MessageTooLargeException} if the body is over the configured limit.
     */
    CompletableFuture<Accepted> accept(DeferredMessage message);

    /** Stores {@code message} with an explicit expiry instant (e.g. from the user's preferences). */
    CompletableFuture<Accepted> accept(DeferredMessage message, Instant expiresAt);

    /**
     * Up to {@code limit} messages waiting for {@code recipient} with an id above {@code afterId}, in
     * acceptance order. Messages in flight, delivered or expired are not listed. Page with the last
     * id of the previous page as {@code afterId}.
     */
    CompletableFuture<List<StoredMessage>> pending(String recipient, long afterId, int limit);

    /** Every message waiting for {@code recipient}, in acceptance order. */
    default CompletableFuture<List<StoredMessage>> pending(String recipient) {
        return pending(recipient, 0, Integer.MAX_VALUE);
    }

    /** How many messages wait for {@code recipient} (not counting those in flight). */
    CompletableFuture<Integer> countPending(String recipient);

    /**
     * Records that delivery attempt number {@code attempt} (1 for the first,
     * {@link StoredMessage#attempts()} + 1 in general) of message {@code id} starts. Completes with
     * false, and nothing is to be sent, if the message is not pending (delivered, removed, or already in
     * flight).
     */
    CompletableFuture<Boolean> markInFlight(long id, int attempt);

    /**
     * Records that the client took message {@code id}; it is no longer pending. Completes with false if
     * it was already delivered or is unknown.
     */
    CompletableFuture<Boolean> markDelivered(long id);

    /**
     * Records that the attempt in flight for message {@code id} failed; the message is pending again for
     * a later attempt. Completes with false if it was not in flight.
     */
    CompletableFuture<Boolean> markFailed(long id);

    /**
     * Up to {@code limit} messages still pending whose expiry instant is at or before {@code now}, in
     * acceptance order. They stay until {@link #remove}d, so a crash between the negative-delivery
     * notification and the removal repeats the notification rather than losing it.
     */
    CompletableFuture<List<StoredMessage>> expired(Instant now, int limit);

    /** Removes message {@code id} whatever its state; completes with false if it was unknown. */
    CompletableFuture<Boolean> remove(long id);

    /**
     * Forgets delivered messages whose expiry instant is at or before {@code now} (kept until then only
     * so that a late retransmission is recognised); completes with the number forgotten.
     */
    CompletableFuture<Integer> purgeDelivered(Instant now);

    /** Finishes queued writes and closes the store. Blocks; call it at shutdown only. */
    @Override
    void close();
}
