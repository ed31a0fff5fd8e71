package org.opencpm.store.imdn;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.opencpm.common.time.Clock;
import org.opencpm.store.sqlite.SqliteDatabase;
import org.opencpm.store.sqlite.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link ImdnCache}: one SQLite database {@code imdn-cache.db} under the data directory.
 *
 * <p>Every check-and-record runs on the database's single writer, which makes it atomic without locks.
 * An entry's age is measured from its last use ({@code used_at}), which is also the eviction order:
 * when an insertion takes the cache over its cap, the least recently used 1% of the cap (at least one)
 * go in one statement, so eviction costs little per insertion. Entries older than the TTL are treated as
 * missing at once, whether or not {@link #expire} has removed them yet.
 */
public final class SqliteImdnCache implements ImdnCache {

    private static final Logger log = LoggerFactory.getLogger(SqliteImdnCache.class);

    /** Schema steps; append only (see {@link SqliteDatabase#open}). */
    static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE imdn_forwarded (
              served_user TEXT NOT NULL,
              message_id TEXT NOT NULL,
              types INTEGER NOT NULL,
              used_at INTEGER NOT NULL,
              PRIMARY KEY (served_user, message_id)) WITHOUT ROWID;
            CREATE INDEX imdn_forwarded_used ON imdn_forwarded (used_at)
            """,
            // version 2: the key gains direction and recipient (ImdnKey). A cache may start empty: a miss forwards.
            """
            DROP TABLE imdn_forwarded;
            CREATE TABLE imdn_forwarded (
              served_user TEXT NOT NULL,
              direction INTEGER NOT NULL,
              message_id TEXT NOT NULL,
              recipient TEXT NOT NULL,
              types INTEGER NOT NULL,
              used_at INTEGER NOT NULL,
              PRIMARY KEY (served_user, direction, message_id, recipient)) WITHOUT ROWID;
            CREATE INDEX imdn_forwarded_used ON imdn_forwarded (used_at)
            """);

    private final SqliteDatabase db;
    private final ImdnCacheConfig config;
    private final Clock clock;
    private final long evictBatch;
    private final AtomicLong size;
    private final AtomicLong evictions = new AtomicLong();

    private SqliteImdnCache(SqliteDatabase db, ImdnCacheConfig config, Clock clock, long size) {
        this.db = db;
        this.config = config;
        this.clock = clock;
        this.evictBatch = Math.max(1, config.maxEntries() / 100);
        this.size = new AtomicLong(size);
    }

    /** Opens (creating if needed) the cache under {@code dataDir}. Blocks: call it at start-up. */
    public static SqliteImdnCache open(Path dataDir, ImdnCacheConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        SqliteDatabase db = SqliteDatabase.open(dataDir, "imdn-cache", config.sync(), MIGRATIONS);
        try {
            long size = db.read(SqliteImdnCache::count).get(60, TimeUnit.SECONDS);
            return new SqliteImdnCache(db, config, clock, size);
        } catch (Exception e) {
            db.close();
            throw new StoreException("cannot open the IMDN cache in " + dataDir + ": " + e, e);
        }
    }

    @Override
    public CompletableFuture<ForwardDecision> checkAndRecord(ImdnKey key, DispositionType type,
                                                             Set<DispositionType> suppressedBy) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        int suppressors = DispositionType.toBits(suppressedBy);
        return db.write(c -> {
            long now = clock.currentTimeMillis();
            int cached = lookup(c, key, now);
            boolean miss = cached < 0;
            int before = miss ? 0 : cached;
            boolean forward = (before & suppressors) == 0;
            int after = forward ? before | type.bit() : before;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO imdn_forwarded VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (served_user, direction, message_id, recipient) DO UPDATE SET types = excluded.types,"
                    + " used_at = excluded.used_at")) {
                bindKey(ps, key);
                ps.setInt(5, after);
                ps.setLong(6, now);
                ps.executeUpdate();
            }
            if (miss && cached == -1 && size.incrementAndGet() > config.maxEntries()) {
                evict(c, key);
            }
            return new ForwardDecision(forward, DispositionType.fromBits(before));
        });
    }

    @Override
    public CompletableFuture<Set<DispositionType>> forwarded(ImdnKey key) {
        long now = clock.currentTimeMillis();
        return db.read(c -> {
            int cached = lookup(c, key, now);
            return cached < 0 ? EnumSet.noneOf(DispositionType.class) : DispositionType.fromBits(cached);
        });
    }

    @Override
    public CompletableFuture<Integer> expire(Instant now) {
        long oldest = now.toEpochMilli() - config.ttl().toMillis();
        return db.write(c -> {
            int removed;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM imdn_forwarded WHERE used_at <= ?")) {
                ps.setLong(1, oldest);
                removed = ps.executeUpdate();
            }
            size.set(count(c));
            return removed;
        });
    }

    @Override
    public long evictions() {
        return evictions.get();
    }

    @Override
    public long size() {
        return size.get();
    }

    @Override
    public void close() {
        db.close();
    }

    /**
     * The cached bits; -1 if there is no row, -2 if there is one older than the TTL (a miss that
     * overwrites an existing row, so the size does not change).
     */
    private int lookup(Connection c, ImdnKey key, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT types, used_at FROM imdn_forwarded"
                + " WHERE served_user = ? AND direction = ? AND message_id = ? AND recipient = ?")) {
            bindKey(ps, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return -1;
                }
                return rs.getLong(2) <= now - config.ttl().toMillis() ? -2 : rs.getInt(1);
            }
        }
    }

    private static void bindKey(PreparedStatement ps, ImdnKey key) throws SQLException {
        ps.setString(1, key.servedUser());
        ps.setInt(2, key.direction().code());
        ps.setString(3, key.messageId());
        ps.setString(4, key.recipient());
    }

    private void evict(Connection c, ImdnKey keep) throws SQLException {
        long excess = size.get() - config.maxEntries();
        long n = Math.max(excess, evictBatch);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM imdn_forwarded"
                + " WHERE (served_user, direction, message_id, recipient) IN (SELECT served_user, direction, message_id,"
                + " recipient FROM imdn_forwarded WHERE NOT (served_user = ? AND direction = ? AND message_id = ?"
                + " AND recipient = ?) ORDER BY used_at LIMIT ?)")) {
            bindKey(ps, keep);
            ps.setLong(5, n);
            int removed = ps.executeUpdate();
            size.addAndGet(-removed);
            evictions.addAndGet(removed);
            log.debug("IMDN cache over its cap of {} entries: {} least recently used evicted",
                    config.maxEntries(), removed);
        }
    }

    private static long count(Connection c) throws SQLException {
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM imdn_forwarded")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
