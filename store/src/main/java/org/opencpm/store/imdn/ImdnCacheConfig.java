package org.opencpm.store.imdn;

import java.time.Duration;
import java.util.Objects;
import org.opencpm.store.sqlite.SqliteDatabase;

/**
 * Limits of the {@link ImdnCache} (AMB-03), validated on construction.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code store.imdn-cache-ttl} ({@code imdnCacheTtl}, PF-IMDN-T-10)</td><td>how long a message-id
 *       is remembered after its last forwarded notification; covers the deferral window</td><td>7 days</td></tr>
 *   <tr><td>{@code store.imdn-cache-max-entries}</td><td>entries kept at most; beyond it the least recently
 *       used are evicted (counted by {@link ImdnCache#evictions()}). An entry is about 100 bytes on disk.</td>
 *       <td>1,000,000</td></tr>
 *   <tr><td>{@code store.sync}</td><td>as for the deferred store</td><td>{@code NORMAL}</td></tr>
 * </table>
 */
public record ImdnCacheConfig(Duration ttl, long maxEntries, SqliteDatabase.Sync sync) {

    public static final Duration DEFAULT_TTL = Duration.ofDays(7);
    public static final long DEFAULT_MAX_ENTRIES = 1_000_000;

    /** The defaults of the table above. */
    public static final ImdnCacheConfig DEFAULTS =
            new ImdnCacheConfig(DEFAULT_TTL, DEFAULT_MAX_ENTRIES, SqliteDatabase.Sync.NORMAL);

    public ImdnCacheConfig {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(sync, "sync");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("store.imdn-cache-ttl must be positive, got " + ttl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("store.imdn-cache-max-entries must be at least 1, got " + maxEntries);
        }
    }

    public ImdnCacheConfig withTtl(Duration value) {
        return new ImdnCacheConfig(value, maxEntries, sync);
    }

    public ImdnCacheConfig withMaxEntries(long value) {
        return new ImdnCacheConfig(ttl, value, sync);
    }
}
