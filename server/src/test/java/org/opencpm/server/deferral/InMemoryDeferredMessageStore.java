package org.opencpm.server.deferral;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.opencpm.common.time.Clock;
import org.opencpm.store.deferred.Accepted;
import org.opencpm.store.deferred.DeferredMessage;
import org.opencpm.store.deferred.DeferredMessageStore;
import org.opencpm.store.deferred.StoredMessage;

/**
 * A {@link DeferredMessageStore} in memory with the semantics of the interface, completing on the calling
 * (test) thread, so procedure tests run on virtual time. {@link #holdCommits} keeps accept futures
 * incomplete until {@link #commit}, standing in for the group-commit writer that has not synced yet.
 */
final class InMemoryDeferredMessageStore implements DeferredMessageStore {

    enum State { PENDING, IN_FLIGHT, DELIVERED }

    static final class Row {
        final long id;
        final DeferredMessage message;
        final Instant acceptedAt;
        final Instant expiresAt;
        State state = State.PENDING;
        int attempts;

        Row(long id, DeferredMessage message, Instant acceptedAt, Instant expiresAt) {
            this.id = id;
            this.message = message;
            this.acceptedAt = acceptedAt;
            this.expiresAt = expiresAt;
        }

        StoredMessage stored() {
            return new StoredMessage(id, message, acceptedAt, expiresAt, attempts);
        }
    }

    final Map<Long, Row> rows = new TreeMap<>();
    private final Clock clock;
    private final Duration expiry;
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;
    private long nextId = 1;

    InMemoryDeferredMessageStore(Clock clock, Duration expiry) {
        this.clock = clock;
        this.expiry = expiry;
    }

    void holdCommits() {
        holding = true;
    }

    /** Completes every held accept, as a group commit would. */
    void commit() {
        holding = false;
        List<Runnable> now = new ArrayList<>(held);
        held.clear();
        now.forEach(Runnable::run);
    }

    List<Row> inState(State s) {
        return rows.values().stream().filter(r -> r.state == s).toList();
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.currentTimeMillis());
    }

    @Override
    public CompletableFuture<Accepted> accept(DeferredMessage message) {
        return accept(message, now().plus(expiry));
    }

    @Override
    public CompletableFuture<Accepted> accept(DeferredMessage message, Instant expiresAt) {
        CompletableFuture<Accepted> f = new CompletableFuture<>();
        Runnable work = () -> {
            for (Row r : rows.values()) {
                if (r.message.recipient().equals(message.recipient()) && r.message.messageId().equals(message.messageId())) {
                    f.complete(new Accepted(r.id, true, r.expiresAt));
                    return;
                }
            }
            Row r = new Row(nextId++, message, now(), expiresAt);
            rows.put(r.id, r);
            f.complete(new Accepted(r.id, false, expiresAt));
        };
        if (holding) {
            held.add(work);
        } else {
            work.run();
        }
        return f;
    }

    @Override
    public CompletableFuture<List<StoredMessage>> pending(String recipient, long afterId, int limit) {
        Instant now = now();
        return CompletableFuture.completedFuture(rows.values().stream()
                .filter(r -> r.message.recipient().equals(recipient) && r.state == State.PENDING && r.id > afterId
                        && r.expiresAt.isAfter(now))
                .limit(limit).map(Row::stored).toList());
    }

    @Override
    public CompletableFuture<Integer> countPending(String recipient) {
        return pending(recipient, 0, Integer.MAX_VALUE).thenApply(List::size);
    }

    @Override
    public CompletableFuture<Boolean> markInFlight(long id, int attempt) {
        Row r = rows.get(id);
        if (r == null || r.state != State.PENDING) {
            return CompletableFuture.completedFuture(false);
        }
        r.state = State.IN_FLIGHT;
        r.attempts = attempt;
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public CompletableFuture<Boolean> markDelivered(long id) {
        Row r = rows.get(id);
        if (r == null || r.state == State.DELIVERED) {
            return CompletableFuture.completedFuture(false);
        }
        r.state = State.DELIVERED;
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public CompletableFuture<Boolean> markFailed(long id) {
        Row r = rows.get(id);
        if (r == null || r.state != State.IN_FLIGHT) {
            return CompletableFuture.completedFuture(false);
        }
        r.state = State.PENDING;
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public CompletableFuture<List<StoredMessage>> expired(Instant now, int limit) {
        return CompletableFuture.completedFuture(rows.values().stream()
                .filter(r -> r.state == State.PENDING && !r.expiresAt.isAfter(now)).limit(limit).map(Row::stored).toList());
    }

    @Override
    public CompletableFuture<Boolean> remove(long id) {
        return CompletableFuture.completedFuture(rows.remove(id) != null);
    }

    @Override
    public CompletableFuture<Integer> purgeDelivered(Instant now) {
        int before = rows.size();
        rows.values().removeIf(r -> r.state == State.DELIVERED && !r.expiresAt.isAfter(now));
        return CompletableFuture.completedFuture(before - rows.size());
    }

    @Override
    public void close() {
    }
}
