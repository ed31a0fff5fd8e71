package org.opencpm.store.deferred;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.opencpm.common.time.Clock;
import org.opencpm.store.sqlite.SqliteDatabase;
import org.opencpm.store.sqlite.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link DeferredMessageStore}: one SQLite database {@code deferred-messages.db} under the
 * data directory, written through {@link SqliteDatabase}'s group commit.
 *
 * <p>One row per message. {@code state} is 0 (pending), 1 (in flight) or 2 (delivered: the body is
 * dropped, the row stays until its expiry instant so that a late retransmission is still recognised as
 * a duplicate). A partial index over pending rows by (recipient, id) serves {@link #pending}; a partial
 * index over in-flight rows lets {@link #open} turn them back into pending rows without a scan, which
 * keeps recovery after {@code kill -9} independent of the number of messages stored.
 */
public final class SqliteDeferredMessageStore implements DeferredMessageStore {

    private static final Logger log = LoggerFactory.getLogger(SqliteDeferredMessageStore.class);

    static final int PENDING = 0;
    static final int IN_FLIGHT = 1;
    static final int DELIVERED = 2;

    /** Schema steps; append only (see {@link SqliteDatabase#open}). */
    static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE deferred_message (
              id INTEGER PRIMARY KEY,
              recipient TEXT NOT NULL,
              sender TEXT NOT NULL,
              message_id TEXT NOT NULL,
              conversation_id TEXT,
              contribution_id TEXT,
              content_type TEXT NOT NULL,
              body BLOB,
              notifications INTEGER NOT NULL,
              accepted_at INTEGER NOT NULL,
              expires_at INTEGER NOT NULL,
              state INTEGER NOT NULL,
              attempts INTEGER NOT NULL,
              UNIQUE (recipient, message_id));
            CREATE INDEX deferred_message_pending ON deferred_message (recipient, id) WHERE state = 0;
            CREATE INDEX deferred_message_in_flight ON deferred_message (id) WHERE state = 1;
            CREATE INDEX deferred_message_expiry ON deferred_message (expires_at)
            """);

    private static final String COLUMNS = "id, recipient, sender, message_id, conversation_id, contribution_id,"
            + " content_type, body, notifications, accepted_at, expires_at, attempts";

    /** Inserts unless (recipient, message-id) is known; returns the new id, or no row for a duplicate. */
    private static final String INSERT = "INSERT INTO deferred_message (recipient, sender, message_id,"
            + " conversation_id, contribution_id, content_type, body, notifications, accepted_at, expires_at, state,"
            + " attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)"
            + " ON CONFLICT (recipient, message_id) DO NOTHING RETURNING id";
    private static final String FIND =
            "SELECT id, expires_at FROM deferred_message WHERE recipient = ? AND message_id = ?";
    private static final String SELECT_PENDING = "SELECT " + COLUMNS + " FROM deferred_message"
            + " WHERE recipient = ? AND state = 0 AND id > ? AND expires_at > ? ORDER BY id LIMIT ?";

    /**
     * Page cache of the writer connection: the unique index on (recipient, message-id) takes random
     * inserts, and SQLite's default of 2 MB makes them re-read index pages from the file system.
     */
    private static final int WRITER_CACHE_KIB = 64 * 1024;

    private final SqliteDatabase db;
    private final StatementCache statements = new StatementCache();
    private final DeferredStoreConfig config;
    private final Clock clock;

    private SqliteDeferredMessageStore(SqliteDatabase db, DeferredStoreConfig config, Clock clock) {
        this.db = db;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Opens (creating if needed) the store under {@code dataDir} and makes every message that was in
     * flight when the previous process stopped pending again. Blocks until that is done: call it at
     * start-up, not on an event loop.
     */
    public static SqliteDeferredMessageStore open(Path dataDir, DeferredStoreConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        SqliteDatabase db = SqliteDatabase.open(dataDir, "deferred-messages", config.sync(), MIGRATIONS);
        try {
            int recovered = db.write(c -> {
                try (var s = c.createStatement()) {
                    s.execute("PRAGMA cache_size = -" + WRITER_CACHE_KIB);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE deferred_message SET state = 0 WHERE state = 1")) {
                    return ps.executeUpdate();
                }
            }).get(60, TimeUnit.SECONDS);
            if (recovered > 0) {
                log.info("deferred messages: {} in flight when the store last stopped are pending again", recovered);
            }
        } catch (Exception e) {
            db.close();
            throw new StoreException("cannot recover the deferred message store in " + dataDir + ": " + e, e);
        }
        return new SqliteDeferredMessageStore(db, config, clock);
    }

    @Override
    public CompletableFuture<Accepted> accept(DeferredMessage message) {
        return accept(message, Instant.ofEpochMilli(clock.currentTimeMillis()).plus(config.expiry()));
    }

    @Override
    public CompletableFuture<Accepted> accept(DeferredMessage message, Instant expiresAt) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (message.body().length > config.maxBodyBytes()) {
            return CompletableFuture.failedFuture(
                    new MessageTooLargeException(message.body().length, config.maxBodyBytes()));
        }
        long expires = expiresAt.toEpochMilli();
        return db.write(c -> {
            PreparedStatement insert = statements.get(c, INSERT);
            insert.setString(1, message.recipient());
            insert.setString(2, message.sender());
            insert.setString(3, message.messageId());
            setNullable(insert, 4, message.conversationId());
            setNullable(insert, 5, message.contributionId());
            insert.setString(6, message.contentType());
            insert.setBytes(7, message.body());
            insert.setInt(8, RequestedNotification.toBits(message.notifications()));
            insert.setLong(9, clock.currentTimeMillis());
            insert.setLong(10, expires);
            try (ResultSet rs = insert.executeQuery()) {
                if (rs.next()) {
                    return new Accepted(rs.getLong(1), false, Instant.ofEpochMilli(expires));
                }
            }
            PreparedStatement find = statements.get(c, FIND);
            find.setString(1, message.recipient());
            find.setString(2, message.messageId());
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("message " + message.messageId() + " for " + message.recipient()
                            + " neither inserted nor found");
                }
                return new Accepted(rs.getLong(1), true, Instant.ofEpochMilli(rs.getLong(2)));
            }
        });
    }

    @Override
    public CompletableFuture<List<StoredMessage>> pending(String recipient, long afterId, int limit) {
        Objects.requireNonNull(recipient, "recipient");
        long now = clock.currentTimeMillis();
        return db.read(c -> {
            PreparedStatement ps = statements.get(c, SELECT_PENDING);
            ps.setString(1, recipient);
            ps.setLong(2, afterId);
            ps.setLong(3, now);
            ps.setInt(4, limit);
            return rows(ps);
        });
    }

    @Override
    public CompletableFuture<Integer> countPending(String recipient) {
        Objects.requireNonNull(recipient, "recipient");
        long now = clock.currentTimeMillis();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM deferred_message"
                    + " WHERE recipient = ? AND state = 0 AND expires_at > ?")) {
                ps.setString(1, recipient);
                ps.setLong(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> markInFlight(long id, int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt numbers start at 1, got " + attempt);
        }
        return update("UPDATE deferred_message SET state = 1, attempts = ? WHERE id = ? AND state = 0",
                attempt, id);
    }

    @Override
    public CompletableFuture<Boolean> markDelivered(long id) {
        return update("UPDATE deferred_message SET state = 2, body = NULL WHERE id = ? AND state IN (0, 1)", id);
    }

    @Override
    public CompletableFuture<Boolean> markFailed(long id) {
        return update("UPDATE deferred_message SET state = 0 WHERE id = ? AND state = 1", id);
    }

    @Override
    public CompletableFuture<List<StoredMessage>> expired(Instant now, int limit) {
        long at = now.toEpochMilli();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM deferred_message"
                    + " WHERE expires_at <= ? AND state = 0 ORDER BY id LIMIT ?")) {
                ps.setLong(1, at);
                ps.setInt(2, limit);
                return rows(ps);
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> remove(long id) {
        return update("DELETE FROM deferred_message WHERE id = ?", id);
    }

    @Override
    public CompletableFuture<Integer> purgeDelivered(Instant now) {
        long at = now.toEpochMilli();
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM deferred_message WHERE expires_at <= ? AND state = 2")) {
                ps.setLong(1, at);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        db.close();
    }

    private CompletableFuture<Boolean> update(String sql, long... args) {
        return db.write(c -> {
            PreparedStatement ps = statements.get(c, sql);
            for (int i = 0; i < args.length; i++) {
                ps.setLong(i + 1, args[i]);
            }
            return ps.executeUpdate() > 0;
        });
    }

    private static List<StoredMessage> rows(PreparedStatement ps) throws SQLException {
        List<StoredMessage> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byte[] body = rs.getBytes(8);
                DeferredMessage m = new DeferredMessage(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), body == null ? new byte[0] : body,
                        RequestedNotification.fromBits(rs.getInt(9)));
                out.add(new StoredMessage(rs.getLong(1), m, Instant.ofEpochMilli(rs.getLong(10)),
                        Instant.ofEpochMilli(rs.getLong(11)), rs.getInt(12)));
            }
        }
        return out;
    }

    static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    static long lastInsertRowid(Connection c) throws SQLException {
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
