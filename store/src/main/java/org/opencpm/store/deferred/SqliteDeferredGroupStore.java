package org.opencpm.store.deferred;

import static org.opencpm.store.deferred.SqliteDeferredMessageStore.lastInsertRowid;
import static org.opencpm.store.deferred.SqliteDeferredMessageStore.setNullable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.opencpm.common.time.Clock;
import org.opencpm.store.sqlite.SqliteDatabase;
import org.opencpm.store.sqlite.StoreException;

/**
 * The embedded {@link DeferredGroupStore}: one SQLite database {@code deferred-groups.db} under the data
 * directory. Items reference their deferral with {@code ON DELETE CASCADE}, so {@link #end} forgets
 * everything of a deferral in one statement.
 */
public final class SqliteDeferredGroupStore implements DeferredGroupStore {

    /** Schema steps; append only (see {@link SqliteDatabase#open}). */
    static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE deferred_group_session (
              id INTEGER PRIMARY KEY,
              recipient TEXT NOT NULL,
              session_identity TEXT NOT NULL,
              conversation_id TEXT,
              contribution_id TEXT,
              since INTEGER NOT NULL,
              participant_info_type TEXT,
              participant_info BLOB,
              participant_info_at INTEGER,
              UNIQUE (recipient, session_identity));
            CREATE INDEX deferred_group_session_contribution ON deferred_group_session (recipient, contribution_id);
            CREATE TABLE deferred_group_item (
              seq INTEGER PRIMARY KEY,
              session_id INTEGER NOT NULL REFERENCES deferred_group_session (id) ON DELETE CASCADE,
              kind INTEGER NOT NULL,
              sender TEXT NOT NULL,
              message_id TEXT NOT NULL,
              content_type TEXT NOT NULL,
              body BLOB NOT NULL,
              notifications INTEGER NOT NULL,
              received_at INTEGER NOT NULL,
              expires_at INTEGER NOT NULL,
              UNIQUE (session_id, kind, message_id));
            CREATE INDEX deferred_group_item_session ON deferred_group_item (session_id, seq);
            CREATE INDEX deferred_group_item_expiry ON deferred_group_item (expires_at)
            """);

    private static final String SESSION_COLUMNS = "id, recipient, session_identity, conversation_id, contribution_id,"
            + " since, participant_info_type, participant_info, participant_info_at";
    private static final String ITEM_COLUMNS = "seq, session_id, kind, sender, message_id, content_type, body,"
            + " notifications, received_at, expires_at";

    private final SqliteDatabase db;
    private final DeferredStoreConfig config;
    private final Clock clock;

    private SqliteDeferredGroupStore(SqliteDatabase db, DeferredStoreConfig config, Clock clock) {
        this.db = db;
        this.config = config;
        this.clock = clock;
    }

    /** Opens (creating if needed) the store under {@code dataDir}. Blocks: call it at start-up. */
    public static SqliteDeferredGroupStore open(Path dataDir, DeferredStoreConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        return new SqliteDeferredGroupStore(
                SqliteDatabase.open(dataDir, "deferred-groups", config.sync(), MIGRATIONS), config, clock);
    }

    @Override
    public CompletableFuture<DeferredGroupSession> remain(String recipient, GroupSessionRef session) {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(session, "session");
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO deferred_group_session (recipient,"
                    + " session_identity, conversation_id, contribution_id, since) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (recipient, session_identity) DO NOTHING")) {
                ps.setString(1, recipient);
                ps.setString(2, session.sessionIdentity());
                setNullable(ps, 3, session.conversationId());
                setNullable(ps, 4, session.contributionId());
                ps.setLong(5, clock.currentTimeMillis());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SESSION_COLUMNS
                    + " FROM deferred_group_session WHERE recipient = ? AND session_identity = ?")) {
                ps.setString(1, recipient);
                ps.setString(2, session.sessionIdentity());
                return sessions(ps).get(0);
            }
        });
    }

    @Override
    public CompletableFuture<Optional<DeferredGroupSession>> find(String recipient, String identity) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SESSION_COLUMNS + " FROM deferred_group_session"
                    + " WHERE recipient = ? AND (session_identity = ? OR contribution_id = ?) ORDER BY id LIMIT 1")) {
                ps.setString(1, recipient);
                ps.setString(2, identity);
                ps.setString(3, identity);
                return sessions(ps).stream().findFirst();
            }
        });
    }

    @Override
    public CompletableFuture<List<DeferredGroupSession>> sessions(String recipient) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SESSION_COLUMNS
                    + " FROM deferred_group_session WHERE recipient = ? ORDER BY id")) {
                ps.setString(1, recipient);
                return sessions(ps);
            }
        });
    }

    @Override
    public CompletableFuture<Long> intercept(long sessionId, GroupItem item) {
        Objects.requireNonNull(item, "item");
        if (item.body().length > config.maxBodyBytes()) {
            return CompletableFuture.failedFuture(new MessageTooLargeException(item.body().length, config.maxBodyBytes()));
        }
        return db.write(c -> {
            try (PreparedStatement find = c.prepareStatement(
                    "SELECT seq FROM deferred_group_item WHERE session_id = ? AND kind = ? AND message_id = ?")) {
                find.setLong(1, sessionId);
                find.setInt(2, item.kind().code);
                find.setString(3, item.messageId());
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
            long now = clock.currentTimeMillis();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO deferred_group_item (session_id, kind, sender,"
                    + " message_id, content_type, body, notifications, received_at, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, sessionId);
                ps.setInt(2, item.kind().code);
                ps.setString(3, item.sender());
                ps.setString(4, item.messageId());
                ps.setString(5, item.contentType());
                ps.setBytes(6, item.body());
                ps.setInt(7, RequestedNotification.toBits(item.notifications()));
                ps.setLong(8, now);
                ps.setLong(9, now + config.expiry().toMillis());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!exists(c, sessionId)) {
                    throw new StoreException("deferral " + sessionId + " has ended; nothing was stored", e);
                }
                throw e;
            }
            return lastInsertRowid(c);
        });
    }

    @Override
    public CompletableFuture<Boolean> updateParticipantInfo(long sessionId, String contentType, byte[] document) {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(document, "document");
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE deferred_group_session SET participant_info_type = ?,"
                    + " participant_info = ?, participant_info_at = ? WHERE id = ?")) {
                ps.setString(1, contentType);
                ps.setBytes(2, document);
                ps.setLong(3, clock.currentTimeMillis());
                ps.setLong(4, sessionId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public CompletableFuture<List<StoredGroupItem>> items(long sessionId, long afterSeq, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM deferred_group_item"
                    + " WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
                ps.setLong(1, sessionId);
                ps.setLong(2, afterSeq);
                ps.setInt(3, limit);
                return items(ps);
            }
        });
    }

    @Override
    public CompletableFuture<Integer> markDelivered(long sessionId, long uptoSeq) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM deferred_group_item WHERE session_id = ? AND seq <= ?")) {
                ps.setLong(1, sessionId);
                ps.setLong(2, uptoSeq);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> end(long sessionId) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM deferred_group_session WHERE id = ?")) {
                ps.setLong(1, sessionId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public CompletableFuture<List<StoredGroupItem>> expired(Instant now, int limit) {
        long at = now.toEpochMilli();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM deferred_group_item"
                    + " WHERE expires_at <= ? ORDER BY seq LIMIT ?")) {
                ps.setLong(1, at);
                ps.setInt(2, limit);
                return items(ps);
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> removeItem(long seq) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM deferred_group_item WHERE seq = ?")) {
                ps.setLong(1, seq);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void close() {
        db.close();
    }

    private static boolean exists(Connection c, long sessionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM deferred_group_session WHERE id = ?")) {
            ps.setLong(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static List<DeferredGroupSession> sessions(PreparedStatement ps) throws SQLException {
        List<DeferredGroupSession> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String infoType = rs.getString(7);
                ParticipantInfo info = infoType == null ? null
                        : new ParticipantInfo(infoType, rs.getBytes(8), Instant.ofEpochMilli(rs.getLong(9)));
                out.add(new DeferredGroupSession(rs.getLong(1), rs.getString(2),
                        new GroupSessionRef(rs.getString(3), rs.getString(4), rs.getString(5)),
                        Instant.ofEpochMilli(rs.getLong(6)), info));
            }
        }
        return out;
    }

    private static List<StoredGroupItem> items(PreparedStatement ps) throws SQLException {
        List<StoredGroupItem> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                GroupItem item = new GroupItem(GroupItem.Kind.of(rs.getInt(3)), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getBytes(7), RequestedNotification.fromBits(rs.getInt(8)));
                out.add(new StoredGroupItem(rs.getLong(1), rs.getLong(2), item, Instant.ofEpochMilli(rs.getLong(9)),
                        Instant.ofEpochMilli(rs.getLong(10))));
            }
        }
        return out;
    }
}
