package org.opencpm.store.imdn;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.opencpm.common.time.Clock;

/**
 * An {@link ImdnCache} in memory: the same rules as {@link SqliteImdnCache} (TTL from the last use, LRU
 * eviction beyond the cap), nothing survives a restart. For procedure tests on virtual time (its futures
 * complete before the call returns, on the caller's thread) and for a server that runs without durable
 * stores. Thread-safe.
 */
public final class MemoryImdnCache implements ImdnCache {

    private record Entry(int types, long usedAt) {
    }

    private final ImdnCacheConfig config;
    private final Clock clock;
    private final LinkedHashMap<ImdnKey, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long evictions;

    public MemoryImdnCache(ImdnCacheConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized CompletableFuture<ForwardDecision> checkAndRecord(ImdnKey key, DispositionType type,
                                                                          Set<DispositionType> suppressedBy) {
        long now = clock.currentTimeMillis();
        Entry e = live(key, now);
        int before = e == null ? 0 : e.types();
        boolean forward = (before & DispositionType.toBits(suppressedBy)) == 0;
        entries.put(key, new Entry(forward ? before | type.bit() : before, now));
        while (entries.size() > config.maxEntries()) {
            Iterator<Map.Entry<ImdnKey, Entry>> it = entries.entrySet().iterator();
            it.next();
            it.remove();
            evictions++;
        }
        return CompletableFuture.completedFuture(new ForwardDecision(forward, DispositionType.fromBits(before)));
    }

    @Override
    public synchronized CompletableFuture<Set<DispositionType>> forwarded(ImdnKey key) {
        Entry e = entries.get(key);
        boolean live = e != null && e.usedAt() > clock.currentTimeMillis() - config.ttl().toMillis();
        return CompletableFuture.completedFuture(live ? DispositionType.fromBits(e.types())
                : EnumSet.noneOf(DispositionType.class));
    }

    @Override
    public synchronized CompletableFuture<Integer> expire(Instant now) {
        long oldest = now.toEpochMilli() - config.ttl().toMillis();
        int before = entries.size();
        entries.values().removeIf(e -> e.usedAt() <= oldest);
        return CompletableFuture.completedFuture(before - entries.size());
    }

    @Override
    public synchronized long evictions() {
        return evictions;
    }

    @Override
    public synchronized long size() {
        return entries.size();
    }

    @Override
    public void close() {
    }

    private Entry live(ImdnKey key, long now) {
        Entry e = entries.get(key);
        return e != null && e.usedAt() > now - config.ttl().toMillis() ? e : null;
    }
}
