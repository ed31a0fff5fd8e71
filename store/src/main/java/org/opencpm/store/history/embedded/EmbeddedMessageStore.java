package org.opencpm.store.history.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.opencpm.store.history.Flags;
import org.opencpm.store.history.FolderNotFoundException;
import org.opencpm.store.history.FolderStatus;
import org.opencpm.store.history.HistoryFolder;
import org.opencpm.store.history.Mailboxes;
import org.opencpm.store.history.MessageStore;
import org.opencpm.store.history.MessageStoreException;
import org.opencpm.store.history.MessageUid;
import org.opencpm.store.history.ObjectLocation;
import org.opencpm.store.history.StoredEntry;
import org.opencpm.store.history.StoredObject;
import org.opencpm.store.sqlite.SqliteDatabase;

/**
 * The embedded CPM Message Store (the default): every user's folders, objects, flags and metadata in
 * one SQLite file, {@code data-dir/history.db}, with the semantics of an IMAP Message Storage Server.
 * UIDs grow strictly per folder and survive restarts; each folder gets a UIDVALIDITY when it is
 * created (the clock's epoch second, as Dovecot does) that never changes, since folders are never
 * renamed or recreated here. Objects are kept in their stored form ({@link StoredObject#toBytes()}),
 * the same bytes an IMAP APPEND sends.
 *
 * <p>Writes go through {@link SqliteDatabase#write} (group commit on its writer thread), reads through
 * its reader pool; no call blocks its caller.
 */
public final class EmbeddedMessageStore implements MessageStore {

    /** File name (without {@code .db}) under data-dir. */
    public static final String NAME = "history";

    private static final List<String> SCHEMA = List.of("""
            CREATE TABLE history_folder (
              id INTEGER PRIMARY KEY,
              owner TEXT NOT NULL,
              conversation_id TEXT NOT NULL,
              contribution_id TEXT NOT NULL,
              uid_validity INTEGER NOT NULL,
              uid_next INTEGER NOT NULL,
              UNIQUE (owner, conversation_id, contribution_id));
            CREATE TABLE history_object (
              folder_id INTEGER NOT NULL REFERENCES history_folder(id),
              uid INTEGER NOT NULL,
              imdn_message_id TEXT,
              flags TEXT NOT NULL,
              content BLOB NOT NULL,
              PRIMARY KEY (folder_id, uid));
            CREATE INDEX history_object_message_id ON history_object (imdn_message_id);
            CREATE TABLE history_metadata (
              folder_id INTEGER NOT NULL REFERENCES history_folder(id),
              entry TEXT NOT NULL,
              value TEXT NOT NULL,
              PRIMARY KEY (folder_id, entry))
            """);

    private final SqliteDatabase db;
    private final Clock clock;
    private volatile boolean closed;

    private EmbeddedMessageStore(SqliteDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Opens (creating if needed) {@code dataDir/history.db}. */
    public static EmbeddedMessageStore open(Path dataDir, Clock clock) {
        return new EmbeddedMessageStore(SqliteDatabase.open(dataDir, NAME, SqliteDatabase.Sync.NORMAL, SCHEMA), clock);
    }

    @Override
    public CompletableFuture<FolderStatus> createFolder(String user, HistoryFolder folder) {
        String owner = Mailboxes.owner(user);
        return write(c -> {
            long id = ensureFolder(c, owner, folder);
            return statusOf(c, id, folder);
        });
    }

    @Override
    public CompletableFuture<Optional<FolderStatus>> status(String user, HistoryFolder folder) {
        String owner = Mailboxes.owner(user);
        return read(c -> {
            Optional<Long> id = findFolder(c, owner, folder);
            return id.isEmpty() ? Optional.empty() : Optional.of(statusOf(c, id.get(), folder));
        });
    }

    @Override
    public CompletableFuture<List<HistoryFolder>> listFolders(String user) {
        String owner = Mailboxes.owner(user);
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT conversation_id, contribution_id FROM history_folder"
                    + " WHERE owner = ? ORDER BY conversation_id, contribution_id")) {
                ps.setString(1, owner);
                List<HistoryFolder> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(folderOf(rs.getString(1), rs.getString(2)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public CompletableFuture<MessageUid> append(String user, HistoryFolder folder, StoredObject object,
                                                Set<String> flags) {
        String owner = Mailboxes.owner(user);
        byte[] content = object.toBytes();
        String flagText = flagText(flags);
        return write(c -> appendIn(c, owner, folder, object, content, flagText));
    }

    @Override
    public CompletableFuture<MessageUid> storeSessionInfo(String user, HistoryFolder sessionFolder,
                                                          StoredObject sessionInfo) {
        return appendAndPoint(user, sessionFolder, sessionInfo, SESSION_INFO_OBJECT_ID);
    }

    @Override
    public CompletableFuture<MessageUid> storeGroupState(String user, HistoryFolder sessionFolder,
                                                         StoredObject groupState) {
        return appendAndPoint(user, sessionFolder, groupState, GROUP_STATE_OBJECT_ID);
    }

    private CompletableFuture<MessageUid> appendAndPoint(String user, HistoryFolder folder, StoredObject object,
                                                         String entry) {
        String owner = Mailboxes.owner(user);
        byte[] content = object.toBytes();
        return write(c -> {
            MessageUid uid = appendIn(c, owner, folder, object, content, "");
            putMetadata(c, findFolder(c, owner, folder).orElseThrow(), entry, uid.value());
            return uid;
        });
    }

    @Override
    public CompletableFuture<Void> setMetadata(String user, HistoryFolder folder, String entry, String value) {
        String owner = Mailboxes.owner(user);
        return write(c -> {
            long id = findFolder(c, owner, folder).orElseThrow(() -> new FolderNotFoundException(user, folder));
            putMetadata(c, id, entry, value);
            return null;
        });
    }

    @Override
    public CompletableFuture<Optional<String>> getMetadata(String user, HistoryFolder folder, String entry) {
        String owner = Mailboxes.owner(user);
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT m.value FROM history_metadata m"
                    + " JOIN history_folder f ON f.id = m.folder_id"
                    + " WHERE f.owner = ? AND f.conversation_id = ? AND f.contribution_id = ? AND m.entry = ?")) {
                bindFolder(ps, owner, folder);
                ps.setString(4, entry.toLowerCase(Locale.ROOT));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public CompletableFuture<Void> addFlags(String user, HistoryFolder folder, long uid, Set<String> flags) {
        return changeFlags(user, folder, uid, flags, true);
    }

    @Override
    public CompletableFuture<Void> removeFlags(String user, HistoryFolder folder, long uid, Set<String> flags) {
        return changeFlags(user, folder, uid, flags, false);
    }

    private CompletableFuture<Void> changeFlags(String user, HistoryFolder folder, long uid, Set<String> flags,
                                                boolean add) {
        String owner = Mailboxes.owner(user);
        flagText(flags);
        return write(c -> {
            Optional<Long> id = findFolder(c, owner, folder);
            if (id.isEmpty()) {
                throw new FolderNotFoundException(user, folder);
            }
            String current;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT flags FROM history_object WHERE folder_id = ? AND uid = ?")) {
                ps.setLong(1, id.get());
                ps.setLong(2, uid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    current = rs.getString(1);
                }
            }
            Set<String> set = parseFlags(current);
            for (String f : flags) {
                set.removeIf(x -> x.equalsIgnoreCase(f));
                if (add) {
                    set.add(f);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE history_object SET flags = ? WHERE folder_id = ? AND uid = ?")) {
                ps.setString(1, String.join(" ", set));
                ps.setLong(2, id.get());
                ps.setLong(3, uid);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Optional<ObjectLocation>> findByMessageId(String user, String messageId) {
        String owner = Mailboxes.owner(user);
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT f.conversation_id, f.contribution_id,"
                    + " f.uid_validity, o.uid FROM history_object o JOIN history_folder f ON f.id = o.folder_id"
                    + " WHERE o.imdn_message_id = ? AND f.owner = ? ORDER BY f.id, o.uid LIMIT 1")) {
                ps.setString(1, messageId);
                ps.setString(2, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<ObjectLocation>empty();
                    }
                    return Optional.of(new ObjectLocation(folderOf(rs.getString(1), rs.getString(2)),
                            new MessageUid(rs.getLong(3), rs.getLong(4))));
                }
            }
        });
    }

    @Override
    public CompletableFuture<List<StoredEntry>> fetch(String user, HistoryFolder folder) {
        String owner = Mailboxes.owner(user);
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT o.uid, o.flags, o.content FROM history_object o"
                    + " JOIN history_folder f ON f.id = o.folder_id"
                    + " WHERE f.owner = ? AND f.conversation_id = ? AND f.contribution_id = ? ORDER BY o.uid")) {
                bindFolder(ps, owner, folder);
                List<StoredEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredEntry(folder, rs.getLong(1), parseFlags(rs.getString(2)),
                                StoredObject.parse(rs.getBytes(3))));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        db.close();
    }

    private MessageUid appendIn(Connection c, String owner, HistoryFolder folder, StoredObject object,
                                       byte[] content, String flags) throws SQLException {
        long id = ensureFolder(c, owner, folder);
        long validity;
        long uid;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT uid_validity, uid_next FROM history_folder WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                validity = rs.getLong(1);
                uid = rs.getLong(2);
            }
        }
        Optional<String> messageId = object.imdnMessageId();
        if (messageId.isPresent()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT uid FROM history_object WHERE folder_id = ? AND imdn_message_id = ? ORDER BY uid LIMIT 1")) {
                ps.setLong(1, id);
                ps.setString(2, messageId.get());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new MessageUid(validity, rs.getLong(1));
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO history_object"
                + " (folder_id, uid, imdn_message_id, flags, content) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setLong(2, uid);
            ps.setString(3, messageId.orElse(null));
            ps.setString(4, flags);
            ps.setBytes(5, content);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE history_folder SET uid_next = ? WHERE id = ?")) {
            ps.setLong(1, uid + 1);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
        return new MessageUid(validity, uid);
    }

    private long ensureFolder(Connection c, String owner, HistoryFolder folder) throws SQLException {
        if (folder.isSession()) {
            ensureFolder(c, owner, folder.conversationFolder());
        }
        Optional<Long> id = findFolder(c, owner, folder);
        if (id.isPresent()) {
            return id.get();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO history_folder"
                + " (owner, conversation_id, contribution_id, uid_validity, uid_next) VALUES (?, ?, ?, ?, 1)")) {
            bindFolder(ps, owner, folder);
            ps.setLong(4, Math.max(1, clock.instant().getEpochSecond()));
            ps.executeUpdate();
        }
        return findFolder(c, owner, folder).orElseThrow();
    }

    private static Optional<Long> findFolder(Connection c, String owner, HistoryFolder folder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM history_folder"
                + " WHERE owner = ? AND conversation_id = ? AND contribution_id = ?")) {
            bindFolder(ps, owner, folder);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static FolderStatus statusOf(Connection c, long id, HistoryFolder folder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT uid_validity, uid_next,"
                + " (SELECT count(*) FROM history_object WHERE folder_id = f.id) FROM history_folder f WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new FolderStatus(folder, rs.getLong(1), rs.getLong(2), rs.getInt(3));
            }
        }
    }

    private static void putMetadata(Connection c, long folderId, String entry, String value) throws SQLException {
        String key = entry.toLowerCase(Locale.ROOT);
        if (!key.startsWith("/shared/") && !key.startsWith("/private/")) {
            throw new IllegalArgumentException("RFC 5464 entry names start with /shared or /private: " + entry);
        }
        try (PreparedStatement ps = c.prepareStatement(value == null
                ? "DELETE FROM history_metadata WHERE folder_id = ? AND entry = ?"
                : "INSERT INTO history_metadata (folder_id, entry, value) VALUES (?, ?, ?)"
                        + " ON CONFLICT (folder_id, entry) DO UPDATE SET value = excluded.value")) {
            ps.setLong(1, folderId);
            ps.setString(2, key);
            if (value != null) {
                ps.setString(3, value);
            }
            ps.executeUpdate();
        }
    }

    private static void bindFolder(PreparedStatement ps, String owner, HistoryFolder folder) throws SQLException {
        ps.setString(1, owner);
        ps.setString(2, folder.conversationId());
        ps.setString(3, folder.isSession() ? folder.contributionId() : "");
    }

    private static HistoryFolder folderOf(String conversationId, String contributionId) {
        return contributionId.isEmpty() ? HistoryFolder.conversation(conversationId)
                : HistoryFolder.session(conversationId, contributionId);
    }

    private static String flagText(Set<String> flags) {
        for (String f : flags) {
            if (!Flags.isValid(f)) {
                throw new IllegalArgumentException("not an IMAP flag: '" + f + "'");
            }
        }
        return String.join(" ", flags);
    }

    private static Set<String> parseFlags(String text) {
        return text.isEmpty() ? new LinkedHashSet<>() : new LinkedHashSet<>(Arrays.asList(text.split(" ")));
    }

    private <T> CompletableFuture<T> write(SqliteDatabase.Work<T> work) {
        if (closed) {
            return CompletableFuture.failedFuture(new MessageStoreException("the embedded Message Store is closed"));
        }
        return translate(db.write(work));
    }

    private <T> CompletableFuture<T> read(SqliteDatabase.Work<T> work) {
        if (closed) {
            return CompletableFuture.failedFuture(new MessageStoreException("the embedded Message Store is closed"));
        }
        return translate(db.read(work));
    }

    /** Our own exceptions pass through the engine's wrapping; engine failures become MessageStoreException. */
    private static <T> CompletableFuture<T> translate(CompletableFuture<T> f) {
        CompletableFuture<T> out = new CompletableFuture<>();
        f.whenComplete((v, e) -> {
            if (e == null) {
                out.complete(v);
                return;
            }
            Throwable t = e;
            while (t != null) {
                if (t instanceof MessageStoreException || t instanceof IllegalArgumentException) {
                    out.completeExceptionally(t);
                    return;
                }
                t = t.getCause();
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            out.completeExceptionally(new MessageStoreException(cause.getMessage(), cause));
        });
        return out;
    }
}
